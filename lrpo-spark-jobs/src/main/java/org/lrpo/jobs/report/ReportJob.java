package org.lrpo.jobs.report;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import com.typesafe.config.ConfigRenderOptions;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.SecretRedaction;
import org.lrpo.jobs.ingest.FaceDataset;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.report.ReportContent.Claims;
import org.lrpo.jobs.report.ReportContent.FaceGrid;
import org.lrpo.jobs.report.ReportContent.GridCell;
import org.lrpo.jobs.report.ReportContent.ModelSummary;
import org.lrpo.jobs.report.ReportContent.PairedDifference;
import org.lrpo.jobs.report.ReportContent.Provenance;
import org.lrpo.jobs.report.ReportContent.RestoreRunSummary;
import org.lrpo.jobs.report.ReportContent.StrengthRow;
import org.lrpo.jobs.report.ReportContent.TrainingCurves;
import org.lrpo.jobs.restore.RestoreJob;
import org.lrpo.jobs.train.ConfiguredReward;
import org.lrpo.jobs.train.RunSpec;
import org.lrpo.rewards.reward.RewardSettings;

/**
 * {@code lrpo report}: offline metric reports. Up to four parts, each from its own input:
 * <ul>
 *   <li>full reference ({@code --dataset} and {@code --checkpoint}s): the dataset's held-out faces, degraded by the
 *       seeded pipeline, restored by stage 1 and each checkpoint on executors, every image scored against its
 *       ground truth; the {@code images} table, per-model summaries with bootstrap intervals, paired differences,
 *       a breakdown by degradation strength and face grids;</li>
 *   <li>training curves of run folders ({@code --run});</li>
 *   <li>the no-reference report of a {@code restore} output ({@code --restore-run});</li>
 *   <li>the held-out curves and table of a claims experiment's folder ({@code --claims}).</li>
 * </ul>
 * Every input is checked before any Spark work. Only numbers (one row per face, model and sample) and the grids'
 * thumbnails come to the driver.
 */
public final class ReportJob {
    /** The side-by-side picture's file name in the output. */
    public static final String SIDE_BY_SIDE = "side-by-side.png";
    /** Faces (rows) of the side-by-side picture. */
    static final int SIDE_BY_SIDE_FACES = 8;

    private ReportJob() {}

    /**
     * What to report on.
     *
     * @param dataset an ingest dataset whose held-out split is evaluated
     * @param checkpoints name to run or stage folder, in table order
     * @param runs training run folders whose curves are drawn
     * @param restoreRun a restore output folder
     * @param claims an output folder of the claims experiment ({@code lrpo experiment})
     */
    public record Inputs(Optional<String> dataset, Map<String, String> checkpoints, List<String> runs,
                         Optional<String> restoreRun, Optional<String> claims) {
        public Inputs {
            checkpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checkpoints));
            runs = List.copyOf(runs);
        }
    }

    /**
     * @param html the report page
     * @param summary the summary table as Markdown (empty without a full-reference part)
     * @param paired the paired differences between the evaluated models (same faces, same noise)
     */
    public record Result(String html, String summary, List<PairedDifference> paired) {}

    public static Result run(SparkSession spark, RunSpec spec, ReportSettings settings, Inputs in, String output,
                             String command, PrintStream out) throws IOException {
        LrpoSettings s = spec.settings();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        if (in.dataset().isEmpty() && in.runs().isEmpty() && in.restoreRun().isEmpty() && in.claims().isEmpty()) {
            throw new BadInputException("nothing to report: give --dataset with --checkpoint NAME=PATH, --run PATH, "
                    + "--restore-run PATH or --claims DIR");
        }
        if (in.dataset().isPresent() != !in.checkpoints().isEmpty()) {
            throw new BadInputException(in.dataset().isPresent()
                    ? "--dataset needs at least one --checkpoint NAME=PATH to evaluate"
                    : "--checkpoint needs --dataset: the faces to evaluate it on");
        }
        // The reward is read only for a full-reference part: curves, a restore run and a claims folder need none.
        MetricColumns columns = in.dataset().isPresent() ? MetricColumns.of(RewardSettings.read(spec.config()))
                : new MetricColumns(List.of());
        if (in.dataset().isPresent() && !columns.keys().contains(settings.gridMetric())) {
            throw new BadInputException("lrpo.report.grid-metric = " + settings.gridMetric() + " is not a metric "
                    + "column; the columns are " + columns.keys());
        }
        ReportOutput dest = ReportOutput.prepare(hadoop, output);
        in.restoreRun().ifPresent(r -> RestoreRunStats.requireManifest(spark, r));
        List<TrainingCurves> curves = in.runs().stream().map(r -> TrainingRunCurves.read(hadoop, r)).toList();
        Optional<Claims> claims = in.claims().map(d -> ClaimsFolder.read(hadoop, d, settings.confidence(),
                settings.resamples()));
        EvaluatedModels models = null;
        Dataset<Row> heldOut = null;
        if (in.dataset().isPresent()) {
            RestoreJob.requireFaceModels();
            models = EvaluatedModels.load(hadoop, in.checkpoints(), s);
            // Last: finding the held-out faces is the first Spark job.
            heldOut = heldOut(spark, in.dataset().get(), settings);
        }

        List<ModelSummary> summaries = List.of();
        List<PairedDifference> paired = List.of();
        List<StrengthRow> strength = List.of();
        List<FaceGrid> grids = List.of();
        Optional<ReportContent.SideBySide> sideBySide = Optional.empty();
        if (models != null) {
            out.println("report: evaluating " + models.rowNames() + " on the held-out faces of " + in.dataset().get());
            FaceScores scores = evaluate(spark, spec, settings, columns, models, heldOut, dest);
            ReportSummaries sums = new ReportSummaries(scores, s.run().seed(), settings.confidence(),
                    settings.resamples());
            summaries = sums.perModel(provenance(models));
            paired = sums.paired();
            strength = sums.byStrength();
            ReportTables.write(spark, dest, summaries, paired, strength);
            Thumbnails thumbnails = thumbnails(spark, dest, shownFaces(scores, columns, settings, s.run().seed()));
            grids = grids(scores, columns, settings, s.run().seed(), thumbnails);
            List<String> first = firstFaces(scores);
            byte[] png = SideBySide.png(first, scores.models(), thumbnails::of, thumbnails.truth()::get);
            dest.bytes(SIDE_BY_SIDE, png);
            List<String> headings = new ArrayList<>(scores.models());
            headings.add("ground truth");
            sideBySide = Optional.of(new ReportContent.SideBySide(headings, first.size(), png));
        }
        if (claims.isPresent()) {
            ClaimsTables.write(spark, dest, claims.get());
        }
        Optional<RestoreRunSummary> restoreRun = in.restoreRun().map(r -> RestoreRunStats.read(spark, r,
                s.run().seed(), settings.confidence(), settings.resamples()));
        Provenance provenance = new Provenance(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), command,
                in.dataset().orElse(""), s.degradation().preset().name().toLowerCase(java.util.Locale.ROOT)
                        + " preset, run seed " + s.run().seed() + ", round " + settings.degradationRound(),
                SecretRedaction.redact(spec.config()).getConfig("lrpo").root()
                        .render(ConfigRenderOptions.concise().setFormatted(true)),
                settings.confidence(), settings.resamples());
        ReportContent content = new ReportContent("LRPO report", columns.specs(), summaries, paired, strength,
                sideBySide, grids, curves, restoreRun, claims, provenance);
        dest.text(ReportOutput.HTML, ReportHtml.render(content));
        String summary = summaries.isEmpty() ? "" : SummaryMarkdown.of(columns.specs(), summaries,
                settings.confidence());
        if (!summary.isEmpty()) {
            dest.text("summary.md", summary);
        }
        return new Result(dest.path(ReportOutput.HTML), summary, paired);
    }

    /** The dataset's held-out faces (id, PNG), the first {@code max-faces} by id; fails when there are none. */
    private static Dataset<Row> heldOut(SparkSession spark, String dataset, ReportSettings settings) {
        Dataset<Row> all;
        try {
            all = FaceDataset.read(spark, dataset);
        } catch (RuntimeException e) {
            throw new BadInputException("--dataset " + dataset + " is not a face dataset of `lrpo ingest`: "
                    + e.getMessage(), e);
        }
        Dataset<Row> faces = all.filter(col(FaceDataset.SPLIT).equalTo(FaceDataset.HELD_OUT))
                .select(FaceDataset.ID, FaceDataset.HQ_PNG).orderBy(FaceDataset.ID);
        if (settings.maxFaces() > 0) {
            faces = faces.limit(settings.maxFaces());
        }
        if (faces.select(FaceDataset.ID).limit(1).count() == 0) {
            throw new BadInputException("--dataset " + dataset + " has no held-out faces (split = "
                    + FaceDataset.HELD_OUT + "): ingest it with lrpo.data.held-out-fraction above 0");
        }
        return faces;
    }

    /** Restores and scores every face on executors into the {@code images} table; returns its numbers. */
    private static FaceScores evaluate(SparkSession spark, RunSpec spec, ReportSettings settings, MetricColumns columns,
                                       EvaluatedModels models, Dataset<Row> heldOut, ReportOutput dest)
            throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = settings.partitions() > 0 ? settings.partitions() : jsc.defaultParallelism();
        EvaluationPartition task = new EvaluationPartition(spec, settings, columns, ConfiguredReward.of(spec.config()),
                jsc.broadcast(models));
        dest.parquet(heldOut.repartition(partitions, col(FaceDataset.ID))
                .mapPartitions(task, Encoders.row(ImageRows.schema(columns))), "images");
        Dataset<Row> images = spark.read().parquet(dest.path("images"));
        List<String> numbers = ImageRows.numberColumns(columns);
        Dataset<Row> table = images.select(numbers.stream().map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new)).orderBy(ImageRows.FACE_ID, ImageRows.MODEL, ImageRows.SAMPLE);
        dest.csv(table, "images.csv");
        FaceScores scores = new FaceScores(columns, models.rowNames());
        int first = numbers.indexOf(columns.keys().get(0));
        for (Row r : table.collectAsList()) {
            double[] v = new double[columns.keys().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.getDouble(first + i);
            }
            scores.add(r.getString(1), r.getString(0), r.getInt(2), r.getString(3), v);
        }
        return scores;
    }

    /** Model name to {source, fingerprint}, for the summary rows. */
    private static Map<String, String[]> provenance(EvaluatedModels models) {
        Map<String, String[]> p = new HashMap<>();
        p.put(EvaluatedModels.STAGE1, new String[] {models.stage1Source(), models.stage1().fingerprint()});
        models.policies().forEach(m -> p.put(m.name(), new String[] {m.source(), m.fingerprint()}));
        return p;
    }

    /** The thumbnails of the images table that the grids show: face and model to PNG, and each face's truth. */
    private record Thumbnails(Map<String, byte[]> output, Map<String, byte[]> truth) {
        byte[] of(String face, String model) {
            return output.get(face + "\u0000" + model);
        }
    }

    private static Thumbnails thumbnails(SparkSession spark, ReportOutput dest, java.util.Set<String> faces) {
        Map<String, byte[]> output = new HashMap<>();
        Map<String, byte[]> truth = new HashMap<>();
        List<Row> rows = spark.read().parquet(dest.path("images"))
                .filter(col(ImageRows.SAMPLE).equalTo(0).and(col(ImageRows.FACE_ID).isin(faces.toArray())))
                .select(ImageRows.FACE_ID, ImageRows.MODEL, ImageRows.OUTPUT_PNG, ImageRows.TRUTH_PNG).collectAsList();
        for (Row r : rows) {
            output.put(r.getString(0) + "\u0000" + r.getString(1), (byte[]) r.get(2));
            if (!r.isNullAt(3)) {
                truth.put(r.getString(0), (byte[]) r.get(3));
            }
        }
        return new Thumbnails(output, truth);
    }

    private static List<GridChoice> choices(FaceScores scores, MetricColumns columns, ReportSettings settings,
                                            long seed) {
        String metric = settings.gridMetric();
        boolean higher = columns.spec(metric).higherIsBetter();
        return scores.models().stream()
                .map(m -> GridChoice.of(scores, m, metric, higher, settings.gridFaces(), seed)).toList();
    }

    /** The side-by-side picture's rows: the first faces by id. */
    private static List<String> firstFaces(FaceScores scores) {
        return scores.faces(EvaluatedModels.INPUT).stream().limit(SIDE_BY_SIDE_FACES).toList();
    }

    /** Every face a picture of the page shows. */
    private static java.util.Set<String> shownFaces(FaceScores scores, MetricColumns columns, ReportSettings settings,
                                                    long seed) {
        java.util.Set<String> faces = new java.util.TreeSet<>(firstFaces(scores));
        choices(scores, columns, settings, seed).forEach(c -> faces.addAll(c.faces()));
        return faces;
    }

    /** Each model's best, worst and random faces by the grid metric (none when {@code grid-faces} is 0). */
    private static List<FaceGrid> grids(FaceScores scores, MetricColumns columns, ReportSettings settings, long seed,
                                        Thumbnails t) {
        if (settings.gridFaces() == 0) {
            return List.of();
        }
        String metric = settings.gridMetric();
        List<FaceGrid> grids = new ArrayList<>();
        for (GridChoice c : choices(scores, columns, settings, seed)) {
            grids.add(new FaceGrid(c.model(), metric, cells(c.best(), c.model(), metric, scores, t),
                    cells(c.worst(), c.model(), metric, scores, t), cells(c.random(), c.model(), metric, scores, t)));
        }
        return grids;
    }

    private static List<GridCell> cells(List<String> faces, String model, String metric, FaceScores scores,
                                        Thumbnails t) {
        double[] v = scores.values(model, metric, faces);
        List<GridCell> out = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            String f = faces.get(i);
            out.add(new GridCell(f, t.of(f, EvaluatedModels.INPUT), t.of(f, model), t.truth().get(f), v[i]));
        }
        return out;
    }
}

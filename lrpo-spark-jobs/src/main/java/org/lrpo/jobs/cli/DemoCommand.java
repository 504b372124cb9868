package org.lrpo.jobs.cli;

import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.jobs.ingest.IngestJob;
import org.lrpo.jobs.ingest.IngestSettings;
import org.lrpo.jobs.ingest.IngestSource;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.local.DemoPhotos;
import org.lrpo.jobs.local.ProgressLine;
import org.lrpo.jobs.report.ReportContent;
import org.lrpo.jobs.report.ReportJob;
import org.lrpo.jobs.report.ReportSettings;
import org.lrpo.jobs.train.RunSpec;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.train.ConfiguredReward;
import org.lrpo.jobs.train.SparkTrainSettings;
import org.lrpo.jobs.train.SupervisedStage;
import org.lrpo.jobs.train.TrainingJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded default, end to end on the configured (local) Spark: generated faces ingested into a
 * Parquet face dataset, data-parallel training of the restoration module R (stage 1), supervised
 * pre-training of the diffusion policy conditioned on R(lq), LRPO rounds with the composite reward,
 * checkpoints and metrics tables; then {@code restore} of a few degraded whole photos with those models, and
 * {@code report} of the whole run (the dataset's held-out faces, the curves, the photos) with a before/after grid
 * (LQ | stage 1 | supervised | LRPO | GT). Sizes come from the profile (conf/local.conf). The demo owns its
 * output folder: each run starts it afresh.
 */
@Command(name = "demo", description = "The embedded default on local Spark: generate and ingest faces, train the "
        + "restoration module, pre-train the diffusion policy, run LRPO, write checkpoints and metrics, restore a "
        + "few whole photos with those models, and end with a report of the run (report/report.html: held-out "
        + "faces scored with intervals, grids, training curves, the photos' numbers) and a before/after grid. "
        + "Each run first deletes what an earlier demo wrote under lrpo.output-dir (dataset, stage1, pretrain, "
        + "train, report, photos, restored-photos and the pictures), without asking; nothing else there.")
public final class DemoCommand extends JobCommand {
    /** Whole photos the demo restores with its own models, as `lrpo restore` would. */
    private static final int PHOTOS = 4;

    @Option(names = "--eval-faces", paramLabel = "N", defaultValue = "32",
            description = "Held-out faces in the evaluation (default: ${DEFAULT-VALUE}); the grid shows the first 8.")
    int evalFaces;

    @Option(names = "--eval-samples", paramLabel = "N", defaultValue = "2",
            description = "Restorations per face for each diffusion row, each scored (default: ${DEFAULT-VALUE}).")
    int evalSamples;

    @Override
    protected java.util.Set<Section> sections() {
        return java.util.Set.of(Section.INGEST, Section.RESTORE, Section.REPORT, Section.REWARD);
    }

    @Override
    protected String name() {
        return "demo";
    }

    @Override
    protected int run(JobContext context) throws Exception {
        if (evalFaces < 1 || evalFaces > 256) {
            throw new BadInputException("--eval-faces must be in [1, 256], got " + evalFaces);
        }
        if (evalSamples < 1 || evalSamples > 16) {
            throw new BadInputException("--eval-samples must be in [1, 16], got " + evalSamples);
        }
        LrpoSettings s = context.settings();
        PrintStream out = System.out;
        Path root = Path.of(s.run().outputDir()).toAbsolutePath();
        String dataset = root.resolve("dataset").toUri().toString();
        JobContext demo = withDataset(context, dataset);
        SettingsReader r = new SettingsReader(demo.config());
        IngestSettings ingest = IngestSettings.read(r, s);
        SparkTrainSettings st = SparkTrainSettings.read(r);
        ReportSettings report = ReportSettings.read(r).withSamples(evalSamples).withMaxFaces(evalFaces);
        r.throwIfInvalid();
        ConfiguredReward trainingReward = ConfiguredReward.of(demo.config());
        long started = System.nanoTime();
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.create(context.spark(), name());
        try {
            startAfresh(root, spark.sparkContext().hadoopConfiguration());
            out.println("demo: ingesting " + s.data().generatedIdentities() + " generated faces into " + dataset);
            out.println(IngestJob.run(spark, ingest, new IngestSource.Generated(s.data().generatedIdentities()),
                    dataset, false).summary());
            TrainingJobs.pretrain(spark, s, demo.config(), st, SupervisedStage.RESTORATION, false, out);
            TrainingJobs.pretrain(spark, s, demo.config(), st, SupervisedStage.DIFFUSION, false, out);
            TrainingJobs.train(spark, s, demo.config(), st, false, false, trainingReward, out);
            DemoPhotos.restore(spark, demo.config(), root, PHOTOS, out);
            report(spark, demo, report, root, dataset, out);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
        out.printf("%ndemo finished in %s%n", ProgressLine.format((System.nanoTime() - started) / 1e9));
        out.println("report of this run (open in a browser):          " + root.resolve("report/report.html"));
        out.println("before/after grid (LQ | stage 1 | supervised | LRPO | GT): " + root.resolve("before-after.png"));
        out.println("whole photos (degraded | restored | clean):     " + root.resolve("before-after-photos.png"));
        out.println("restored photos, _manifest, _quarantine:        " + root.resolve("restored-photos"));
        out.println("face dataset (Parquet):                         " + dataset);
        out.println("report tables (Parquet, CSV; summary.md):       " + root.resolve("report"));
        out.println("metrics tables (JSON lines):                    " + root.resolve("stage1/metrics.jsonl") + ", "
                + root.resolve("pretrain/metrics.jsonl") + ", " + root.resolve("train/metrics.jsonl"));
        out.println("checkpoints (safetensors + manifest):           " + root.resolve("stage1/checkpoints") + ", "
                + root.resolve("pretrain/checkpoints") + ", " + root.resolve("train/checkpoints"));
        return ExitCodes.OK;
    }

    private static JobContext withDataset(JobContext context, String dataset) {
        var config = context.config().withValue("lrpo.spark-train.dataset", ConfigValueFactory.fromAnyRef(dataset));
        return new JobContext(context.jobName(), config, context.settings(), context.spark());
    }

    private static void startAfresh(Path root, Configuration hadoop) throws IOException {
        FileSystem fs = FileSystem.getLocal(hadoop);
        for (String part : List.of("dataset", "stage1", "pretrain", "train", "evaluation", "report",
                "before-after.png", "photos", "restored-photos", "before-after-photos.png")) {
            fs.delete(new org.apache.hadoop.fs.Path(root.resolve(part).toUri()), true);
        }
        Files.createDirectories(root);
    }

    /**
     * {@code lrpo report} of this run: the dataset's first held-out faces restored by stage 1, the supervised and
     * the LRPO policy ({@code --eval-samples} restorations each), the training curves and the restored photos;
     * its side-by-side picture becomes the demo's before/after grid.
     */
    private void report(SparkSession spark, JobContext context, ReportSettings settings, Path root, String dataset,
                        PrintStream out) throws IOException {
        Map<String, String> checkpoints = new LinkedHashMap<>();
        checkpoints.put("supervised", root.resolve("pretrain").toUri().toString());
        checkpoints.put("lrpo", root.resolve("train").toUri().toString());
        ReportJob.Inputs inputs = new ReportJob.Inputs(Optional.of(dataset), checkpoints,
                List.of(root.toUri().toString()), Optional.of(root.resolve("restored-photos").toUri().toString()),
                Optional.empty());
        ReportJob.Result result = ReportJob.run(spark, RunSpec.of(context.config()), settings, inputs,
                root.resolve("report").toUri().toString(), "lrpo demo (a report of its own run)", out);
        Files.copy(root.resolve("report").resolve(ReportJob.SIDE_BY_SIDE), root.resolve("before-after.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        out.printf("%nheld-out faces of the dataset (never trained on), "
                + "%d restorations per face of each diffusion row:%n%s", evalSamples, result.summary());
        out.print(lrpoOverSupervised(result.paired()));
    }

    /**
     * LRPO - supervised on the same faces and noise: LRPO's gain is a small shift of every face, which the
     * per-model intervals above (spread over faces) hide and the paired ones show.
     */
    static String lrpoOverSupervised(List<ReportContent.PairedDifference> paired) {
        StringBuilder line = new StringBuilder();
        for (String metric : List.of("reward", "psnr", "ssim", "identity_cosine", "speckle")) {
            paired.stream().filter(p -> p.modelA().equals("lrpo") && p.modelB().equals("supervised")
                            && p.metric().equals(metric)).findFirst()
                    .ifPresent(p -> line.append(line.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT,
                            "%s %+.4f [%+.4f, %+.4f]", metric, p.difference().mean(), p.difference().low(),
                            p.difference().high())));
        }
        return line.isEmpty() ? "" : String.format("%nLRPO - supervised, paired (same faces, same noise): %s%n", line);
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.DemoCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new DemoCommand(), args));
    }
}

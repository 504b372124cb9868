package org.lrpo.jobs.cli;

import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.CheckpointFinder;
import org.lrpo.core.checkpoint.CheckpointReader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.core.degrade.Degradation;
import org.lrpo.core.degrade.DegradationParams;
import org.lrpo.core.degrade.DegradationStrength;
import org.lrpo.core.degrade.Degraded;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.restoration.ConditionedPairs;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.restoration.Stage1Checkpoints;
import org.lrpo.core.train.ImageGrid;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.jobs.ingest.FaceDataset;
import org.lrpo.jobs.ingest.IngestJob;
import org.lrpo.jobs.ingest.IngestSettings;
import org.lrpo.jobs.ingest.IngestSource;
import org.lrpo.jobs.io.HadoopCheckpointStore;
import org.lrpo.jobs.local.DemoPhotos;
import org.lrpo.jobs.local.Evaluation;
import org.lrpo.jobs.local.HeldOutEvaluation;
import org.lrpo.jobs.local.LocalPipeline;
import org.lrpo.jobs.local.MetricsLog;
import org.lrpo.jobs.local.ProgressLine;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.train.ConfiguredReward;
import org.lrpo.jobs.train.SparkTrainSettings;
import org.lrpo.jobs.train.SupervisedStage;
import org.lrpo.jobs.train.TrainingJobs;
import org.lrpo.rewards.reward.CompositeReward;
import org.lrpo.rewards.reward.RewardRegistry;
import org.lrpo.rewards.reward.RewardSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded default, end to end on the configured (local) Spark: generated faces ingested into a
 * Parquet face dataset, data-parallel training of the restoration module R (stage 1), supervised
 * pre-training of the diffusion policy conditioned on R(lq), LRPO rounds with the composite reward,
 * checkpoints and metrics tables, and an evaluation of the dataset's held-out faces with a before/after
 * grid (LQ | stage 1 | supervised | LRPO | GT); then {@code restore} of a few degraded whole photos with those
 * models. Sizes come from the profile (conf/local.conf). The demo owns its output folder: each run starts it
 * afresh.
 */
@Command(name = "demo", description = "The embedded default on local Spark: generate and ingest faces, train the "
        + "restoration module, pre-train the diffusion policy, run LRPO, write checkpoints, metrics, an evaluation "
        + "table and a before/after grid of held-out faces, then restore a few whole photos with those models. "
        + "Each run first deletes what an earlier demo wrote under lrpo.output-dir (dataset, stage1, pretrain, "
        + "train, evaluation, photos, restored-photos and the pictures), without asking; nothing else there.")
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
        return java.util.Set.of(Section.INGEST, Section.RESTORE, Section.REWARD);
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
            TrainingJobs.pretrain(spark, demo, st, SupervisedStage.RESTORATION, false, out);
            TrainingJobs.pretrain(spark, demo, st, SupervisedStage.DIFFUSION, false, out);
            TrainingJobs.train(spark, demo, st, false, false, trainingReward, out);
            evaluate(spark, demo, root, dataset, out);
            DemoPhotos.restore(spark, demo.config(), root, PHOTOS, out);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
        out.printf("%ndemo finished in %s%n", ProgressLine.format((System.nanoTime() - started) / 1e9));
        out.println("before/after grid (LQ | stage 1 | supervised | LRPO | GT): " + root.resolve("before-after.png"));
        out.println("whole photos (degraded | restored | clean):     " + root.resolve("before-after-photos.png"));
        out.println("restored photos, _manifest, _quarantine:        " + root.resolve("restored-photos"));
        out.println("face dataset (Parquet):                         " + dataset);
        out.println("evaluation table (Markdown):                    " + root.resolve("evaluation/evaluation.md"));
        out.println("metrics tables (JSON lines):                    " + root.resolve("stage1/metrics.jsonl") + ", "
                + root.resolve("pretrain/metrics.jsonl") + ", " + root.resolve("train/metrics.jsonl") + ", "
                + root.resolve("evaluation/evaluation.jsonl"));
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
        for (String part : List.of("dataset", "stage1", "pretrain", "train", "evaluation", "before-after.png",
                "photos", "restored-photos", "before-after-photos.png")) {
            fs.delete(new org.apache.hadoop.fs.Path(root.resolve(part).toUri()), true);
        }
        Files.createDirectories(root);
    }

    /**
     * Restores the dataset's first held-out faces with stage 1 alone, the supervised and the LRPO policy
     * (each given R(lq), {@code --eval-samples} restorations per face); the evaluation table and the grid.
     */
    private void evaluate(SparkSession spark, JobContext context, Path root, String dataset, PrintStream out)
            throws IOException, org.lrpo.core.image.ImageDecodeException {
        LrpoSettings s = context.settings();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        LocalPipeline pipeline = new LocalPipeline(s, context.config(), out);
        MetricsLog metrics = new MetricsLog(root.resolve("evaluation"));
        try (FrozenRestoration stage1 = TrainingJobs.loadStage1(hadoop, s);
             CompositeReward reward = RewardRegistry.builtIns().build().build(RewardSettings.read(context.config()));
             ConditionalDenoiser supervised = pipeline.newPolicy();
             ConditionalDenoiser lrpo = pipeline.newPolicy()) {
            List<DegradedFace> faces = heldOut(spark, dataset, s);
            List<TrainingPair> heldOut = ConditionedPairs.condition(faces.stream().map(DegradedFace::pair).toList(),
                    stage1);
            load(supervised, TrainingJobs.pretrainDir(s) + "/checkpoints", hadoop, true, stage1);
            load(lrpo, TrainingJobs.trainDir(s) + "/checkpoints", hadoop, false, stage1);
            HeldOutEvaluation evaluation = new HeldOutEvaluation(heldOut,
                    faces.stream().map(f -> DegradationStrength.of(f.degradation()).label()).toList(), reward);
            List<Evaluation> rows = new ArrayList<>();
            rows.add(evaluation.score("degraded input", List.of(heldOut.stream().map(TrainingPair::lq).toList())));
            rows.add(evaluation.score("stage 1 R(lq)", List.of(heldOut.stream().map(TrainingPair::condition).toList())));
            List<List<RgbImage>> before = new ArrayList<>();
            List<List<RgbImage>> after = new ArrayList<>();
            for (int k = 0; k < evalSamples; k++) {
                before.add(pipeline.restore(supervised, heldOut, k));
                after.add(pipeline.restore(lrpo, heldOut, k));
            }
            rows.add(evaluation.score("supervised diffusion", before));
            rows.add(evaluation.score("LRPO", after));
            rows.add(evaluation.score("ground truth", List.of(heldOut.stream().map(TrainingPair::hq).toList())));
            List<List<RgbImage>> grid = new ArrayList<>();
            for (int i = 0; i < Math.min(8, heldOut.size()); i++) {
                TrainingPair p = heldOut.get(i);
                grid.add(List.of(p.lq(), p.condition(), before.get(0).get(i), after.get(0).get(i), p.hq()));
            }
            Files.write(root.resolve("before-after.png"), ImageGrid.png(grid, Math.max(1, 128 / s.model().resolution()), 4));
            rows.forEach(e -> metrics.append("evaluation", e));
            String table = HeldOutEvaluation.markdown(rows, heldOut.size(), evalSamples);
            Files.writeString(root.resolve("evaluation/evaluation.md"), table);
            out.printf("%nheld-out faces of the dataset (never trained on):%n%s", table);
        }
    }

    /** A held-out face degraded once (round 0), with the draws of its degradation. */
    private record DegradedFace(TrainingPair pair, DegradationParams degradation) {}

    /** The first held-out faces of the dataset (by id), each degraded once as in the evaluation round 0. */
    private List<DegradedFace> heldOut(SparkSession spark, String dataset, LrpoSettings s)
            throws org.lrpo.core.image.ImageDecodeException {
        List<Row> rows = FaceDataset.read(spark, dataset)
                .filter(org.apache.spark.sql.functions.col(FaceDataset.SPLIT).equalTo(FaceDataset.HELD_OUT))
                .orderBy(FaceDataset.ID).limit(evalFaces).collectAsList();
        if (rows.isEmpty()) {
            throw new BadInputException("the demo dataset has no held-out faces: raise lrpo.data.generated-identities "
                    + "or lrpo.data.held-out-fraction");
        }
        ImageCodec codec = ImageCodec.defaults();
        List<DegradedFace> pairs = new ArrayList<>();
        for (Row row : rows) {
            String id = row.getString(row.fieldIndex(FaceDataset.ID));
            RgbImage hq = codec.decode((byte[]) row.get(row.fieldIndex(FaceDataset.HQ_PNG)), id);
            Degraded d = Degradation.apply(hq, s.degradation().preset(), s.run().seed(), id, 0);
            pairs.add(new DegradedFace(TrainingPair.degraded(id, hq, d.lq()), d.params()));
        }
        return pairs;
    }

    /**
     * The newest checkpoint's weights (EMA weights when asked for and present) into {@code policy}, which
     * must have been trained against {@code stage1}.
     */
    private static void load(ConditionalDenoiser policy, String dir, Configuration hadoop, boolean preferEma,
                             FrozenRestoration stage1) throws IOException {
        HadoopCheckpointStore store = new HadoopCheckpointStore(dir, hadoop);
        String newest = new CheckpointFinder(store).newestComplete().orElseThrow(() ->
                new IllegalStateException("no complete checkpoint in " + dir));
        NetworkParameters parameters = new NetworkParameters(policy);
        CheckpointContents c = new CheckpointReader(store).load(newest, parameters.allLayout(),
                parameters.trainableLayout()).contents();
        Stage1Checkpoints.requireMatch(c.links(), store.describe(newest), stage1.fingerprint());
        parameters.writeAll(c.weights());
        if (preferEma && c.ema().isPresent()) {
            parameters.writeTrainable(ParameterSet.wrap(parameters.trainableLayout(), c.ema().get().state().shadow()));
        }
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.DemoCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new DemoCommand(), args));
    }
}

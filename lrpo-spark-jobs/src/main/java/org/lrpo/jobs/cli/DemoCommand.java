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
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.train.ImageGrid;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.jobs.ingest.FaceDataset;
import org.lrpo.jobs.ingest.IngestJob;
import org.lrpo.jobs.ingest.IngestSettings;
import org.lrpo.jobs.ingest.IngestSource;
import org.lrpo.jobs.io.HadoopCheckpointStore;
import org.lrpo.jobs.local.Evaluation;
import org.lrpo.jobs.local.LocalPipeline;
import org.lrpo.jobs.local.MetricsLog;
import org.lrpo.jobs.local.ProgressLine;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.train.ConfiguredReward;
import org.lrpo.jobs.train.SparkTrainSettings;
import org.lrpo.jobs.train.TrainingJobs;
import org.lrpo.rewards.reward.CompositeReward;
import org.lrpo.rewards.reward.RewardRegistry;
import org.lrpo.rewards.reward.RewardSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded default, end to end on the configured (local) Spark: generated faces ingested into a
 * Parquet face dataset, data-parallel supervised pre-training, LRPO rounds with the composite reward,
 * checkpoints and metrics tables, and a before/after grid of the dataset's held-out faces
 * (LQ | supervised | LRPO | GT). Sizes come from the profile (conf/local.conf). The demo owns its output
 * folder: each run starts it afresh.
 */
@Command(name = "demo", description = "The embedded default on local Spark: generate and ingest faces, pre-train, "
        + "run LRPO, write checkpoints, metrics and a before/after grid of held-out faces.")
public final class DemoCommand extends JobCommand {

    @Option(names = "--eval-faces", paramLabel = "N", defaultValue = "8",
            description = "Held-out faces in the evaluation and the grid (default: ${DEFAULT-VALUE}).")
    int evalFaces;

    @Override
    protected String name() {
        return "demo";
    }

    @Override
    protected int run(JobContext context) throws Exception {
        if (evalFaces < 1 || evalFaces > 256) {
            throw new BadInputException("--eval-faces must be in [1, 256], got " + evalFaces);
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
            TrainingJobs.pretrain(spark, demo, st, false, out);
            TrainingJobs.train(spark, demo, st, false, false, trainingReward, out);
            evaluate(spark, demo, root, dataset, out);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
        out.printf("%ndemo finished in %s%n", ProgressLine.format((System.nanoTime() - started) / 1e9));
        out.println("before/after grid (LQ | supervised | LRPO | GT): " + root.resolve("before-after.png"));
        out.println("face dataset (Parquet):                         " + dataset);
        out.println("metrics tables (JSON lines):                    " + root.resolve("pretrain/metrics.jsonl") + ", "
                + root.resolve("train/metrics.jsonl") + ", " + root.resolve("evaluation/evaluation.jsonl"));
        out.println("checkpoints (safetensors + manifest):           " + root.resolve("pretrain/checkpoints") + ", "
                + root.resolve("train/checkpoints"));
        return ExitCodes.OK;
    }

    private static JobContext withDataset(JobContext context, String dataset) {
        var config = context.config().withValue("lrpo.spark-train.dataset", ConfigValueFactory.fromAnyRef(dataset));
        return new JobContext(context.jobName(), config, context.settings(), context.spark());
    }

    private static void startAfresh(Path root, Configuration hadoop) throws IOException {
        FileSystem fs = FileSystem.getLocal(hadoop);
        for (String part : List.of("dataset", "pretrain", "train", "evaluation", "before-after.png")) {
            fs.delete(new org.apache.hadoop.fs.Path(root.resolve(part).toUri()), true);
        }
        Files.createDirectories(root);
    }

    /** Restores the dataset's first held-out faces with the supervised and the LRPO policy; grid and scores. */
    private void evaluate(SparkSession spark, JobContext context, Path root, String dataset, PrintStream out)
            throws IOException, org.lrpo.core.image.ImageDecodeException {
        LrpoSettings s = context.settings();
        List<TrainingPair> heldOut = heldOut(spark, dataset, s);
        LocalPipeline pipeline = new LocalPipeline(s, context.config(), out);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        MetricsLog metrics = new MetricsLog(root.resolve("evaluation"));
        try (CompositeReward reward = RewardRegistry.builtIns().build().build(RewardSettings.read(context.config()));
             ConditionalDenoiser supervised = pipeline.newPolicy();
             ConditionalDenoiser lrpo = pipeline.newPolicy()) {
            load(supervised, TrainingJobs.pretrainDir(s) + "/checkpoints", hadoop, true);
            load(lrpo, TrainingJobs.trainDir(s) + "/checkpoints", hadoop, false);
            List<RgbImage> lq = heldOut.stream().map(TrainingPair::lq).toList();
            List<RgbImage> hq = heldOut.stream().map(TrainingPair::hq).toList();
            List<RgbImage> before = pipeline.restore(supervised, heldOut);
            List<RgbImage> after = pipeline.restore(lrpo, heldOut);
            List<List<RgbImage>> rows = new ArrayList<>();
            for (int i = 0; i < heldOut.size(); i++) {
                rows.add(List.of(lq.get(i), before.get(i), after.get(i), hq.get(i)));
            }
            Files.write(root.resolve("before-after.png"), ImageGrid.png(rows, Math.max(1, 128 / s.model().resolution()), 4));
            out.printf("%nheld-out faces of the dataset (%d, never trained on):%n", heldOut.size());
            for (Evaluation e : List.of(Evaluation.of("degraded input", lq, hq, reward),
                    Evaluation.of("supervised", before, hq, reward), Evaluation.of("LRPO", after, hq, reward))) {
                metrics.append("evaluation", e);
                StringBuilder parts = new StringBuilder();
                e.components().forEach((k, v) -> parts.append(String.format("  %s %.4f", k, v)));
                out.printf("  %-15s reward %.4f  PSNR %6.2f dB  SSIM %.4f |%s%n", e.name(), e.reward(), e.psnr(),
                        e.ssim(), parts);
            }
        }
    }

    /** The first held-out faces of the dataset (by id), each degraded once as in the evaluation round 0. */
    private List<TrainingPair> heldOut(SparkSession spark, String dataset, LrpoSettings s)
            throws org.lrpo.core.image.ImageDecodeException {
        List<Row> rows = FaceDataset.read(spark, dataset)
                .filter(org.apache.spark.sql.functions.col(FaceDataset.SPLIT).equalTo(FaceDataset.HELD_OUT))
                .orderBy(FaceDataset.ID).limit(evalFaces).collectAsList();
        if (rows.isEmpty()) {
            throw new BadInputException("the demo dataset has no held-out faces: raise lrpo.data.generated-identities "
                    + "or lrpo.data.held-out-fraction");
        }
        ImageCodec codec = ImageCodec.defaults();
        List<TrainingPair> pairs = new ArrayList<>();
        for (Row row : rows) {
            String id = row.getString(row.fieldIndex(FaceDataset.ID));
            RgbImage hq = codec.decode((byte[]) row.get(row.fieldIndex(FaceDataset.HQ_PNG)), id);
            pairs.add(TrainingPair.degraded(id, hq, Degradation.apply(hq, s.degradation().preset(), s.run().seed(), id, 0).lq()));
        }
        return pairs;
    }

    /** The newest checkpoint's weights (EMA weights when asked for and present) into {@code policy}. */
    private static void load(ConditionalDenoiser policy, String dir, Configuration hadoop, boolean preferEma)
            throws IOException {
        HadoopCheckpointStore store = new HadoopCheckpointStore(dir, hadoop);
        String newest = new CheckpointFinder(store).newestComplete().orElseThrow(() ->
                new IllegalStateException("no complete checkpoint in " + dir));
        NetworkParameters parameters = new NetworkParameters(policy);
        CheckpointContents c = new CheckpointReader(store).load(newest, parameters.allLayout(),
                parameters.trainableLayout()).contents();
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

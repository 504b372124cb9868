package org.lrpo.jobs.train;

import ai.djl.Device;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.CheckpointFinder;
import org.lrpo.core.checkpoint.CheckpointReader;
import org.lrpo.core.checkpoint.CheckpointStore;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.Policies;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.jobs.cli.BadInputException;
import org.lrpo.jobs.cli.JobContext;
import org.lrpo.jobs.io.HadoopCheckpointStore;
import org.lrpo.jobs.spark.ExecutorEngine;

/**
 * The {@code pretrain} and {@code train} jobs: check their inputs, then run {@link SparkPretrainer} or
 * {@link SparkLrpoTrainer}. Layout under {@code lrpo.output-dir}: {@code pretrain/checkpoints},
 * {@code pretrain/metrics.jsonl}, {@code train/checkpoints}, {@code train/metrics.jsonl}.
 */
public final class TrainingJobs {
    private TrainingJobs() {}

    public static String pretrainDir(LrpoSettings s) {
        return s.run().outputDir() + "/pretrain";
    }

    public static String trainDir(LrpoSettings s) {
        return s.run().outputDir() + "/train";
    }

    /** Supervised pre-training; returns the checkpoint folder written last. */
    public static String pretrain(SparkSession spark, JobContext context, SparkTrainSettings st, boolean resume,
                                  PrintStream out) throws IOException {
        LrpoSettings s = context.settings();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = jsc.hadoopConfiguration();
        CheckpointStore store = new HadoopCheckpointStore(pretrainDir(s) + "/checkpoints", hadoop);
        requireFreshOrResume(store, resume, "pretrain");
        PairSourceFactory data = pairs(spark, jsc, st, s, GeneratedPairs.PRETRAIN_STAGE);
        RunSpec spec = RunSpec.of(context.config());
        ExecutorEngine.get(s.run());
        // The driver's policy only holds theta for the optimiser and checkpoints; executors compute.
        ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed());
        try (SparkPretrainer p = new SparkPretrainer(jsc, spec, policy, data, partitions(jsc, st), st.faults(), store,
                new MetricsTable(pretrainDir(s) + "/metrics.jsonl", "step", hadoop), out)) {
            p.resume().ifPresent(step -> out.println("pretrain: resuming at step " + step));
            p.run(Long.MAX_VALUE);
            String last = new CheckpointFinder(store).newestComplete().orElseThrow();
            out.println("pretrain: checkpoints in " + store.describe("") + ", newest " + last + "; metrics in "
                    + pretrainDir(s) + "/metrics.jsonl");
            return last;
        }
    }

    /**
     * LRPO rounds, starting from the newest pre-training checkpoint (its EMA weights when it has them,
     * as the single-JVM pipeline does) or, with {@code fromScratch}, from freshly initialised weights.
     */
    public static String train(SparkSession spark, JobContext context, SparkTrainSettings st, boolean resume,
                               boolean fromScratch, RewardFactory reward, PrintStream out) throws IOException {
        LrpoSettings s = context.settings();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = jsc.hadoopConfiguration();
        CheckpointStore store = new HadoopCheckpointStore(trainDir(s) + "/checkpoints", hadoop);
        requireFreshOrResume(store, resume, "train");
        ExecutorEngine.get(s.run());
        ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed());
        boolean handedOver = false;
        try {
            if (!fromScratch) {
                startFromPretraining(policy, new HadoopCheckpointStore(pretrainDir(s) + "/checkpoints", hadoop), out);
            }
            PairSourceFactory data = pairs(spark, jsc, st, s, GeneratedPairs.RL_STAGE);
            SparkLrpoTrainer.Sources sources = new SparkLrpoTrainer.Sources(data, reward, partitions(jsc, st), st.faults());
            MetricsTable metrics = new MetricsTable(trainDir(s) + "/metrics.jsonl", "round", hadoop);
            handedOver = true;
            try (SparkLrpoTrainer t = new SparkLrpoTrainer(jsc, RunSpec.of(context.config()), policy, sources, store,
                    metrics, out)) {
                t.resume().ifPresent(round -> out.println("train: resuming at round " + round));
                t.run(Long.MAX_VALUE);
                String last = new CheckpointFinder(store).newestComplete().orElseThrow();
                out.println("train: checkpoints in " + store.describe("") + ", newest " + last + "; metrics in "
                        + trainDir(s) + "/metrics.jsonl");
                return last;
            }
        } finally {
            if (!handedOver) {
                policy.close();
            }
        }
    }

    private static void startFromPretraining(ConditionalDenoiser policy, CheckpointStore pretrained, PrintStream out)
            throws IOException {
        Optional<String> newest = new CheckpointFinder(pretrained).newestComplete();
        if (newest.isEmpty()) {
            throw new BadInputException("no pre-training checkpoint in " + pretrained.describe("")
                    + ": run `lrpo pretrain` with the same lrpo.output-dir first, or pass --from-scratch");
        }
        NetworkParameters parameters = new NetworkParameters(policy);
        CheckpointContents c = new CheckpointReader(pretrained)
                .load(newest.get(), parameters.allLayout(), parameters.trainableLayout()).contents();
        parameters.writeAll(c.weights());
        c.ema().ifPresent(e -> parameters.writeTrainable(ParameterSet.wrap(parameters.trainableLayout(),
                e.state().shadow())));
        out.println("train: starting from " + pretrained.describe(newest.get())
                + (c.ema().isPresent() ? " (EMA weights)" : ""));
    }

    private static void requireFreshOrResume(CheckpointStore store, boolean resume, String job) throws IOException {
        if (!resume && new CheckpointFinder(store).newestComplete().isPresent()) {
            throw new BadInputException(store.describe("") + " already holds " + job + " checkpoints: pass --resume "
                    + "to continue that run, or choose another lrpo.output-dir");
        }
    }

    private static int partitions(JavaSparkContext jsc, SparkTrainSettings st) {
        return st.partitions() > 0 ? st.partitions() : jsc.defaultParallelism();
    }

    private static PairSourceFactory pairs(SparkSession spark, JavaSparkContext jsc, SparkTrainSettings st,
                                           LrpoSettings s, String stage) {
        if (st.dataset().isBlank()) {
            return PairSourceFactory.generated(stage);
        }
        DatasetFaces faces = DatasetFaces.load(spark, st.dataset(), s.model().resolution());
        return PairSourceFactory.dataset(jsc.broadcast(faces), stage);
    }
}

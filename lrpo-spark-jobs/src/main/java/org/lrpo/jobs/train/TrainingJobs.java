package org.lrpo.jobs.train;

import ai.djl.Device;
import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
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
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.restoration.Stage1Checkpoints;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.Policies;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.io.HadoopCheckpointStore;
import org.lrpo.jobs.spark.ExecutorEngine;

/**
 * The {@code pretrain} and {@code train} jobs: check their inputs, then run {@link SparkPretrainer} (for
 * either {@link SupervisedStage}) or {@link SparkLrpoTrainer}. Layout under {@code lrpo.output-dir}:
 * {@code stage1/} (the restoration module R), {@code pretrain/} (the diffusion policy's supervised
 * stage) and {@code train/} (LRPO), each with {@code checkpoints/} and {@code metrics.jsonl}. The
 * diffusion stages read R from {@code stage1/checkpoints}, condition every face on {@code R(lq)} and
 * record R's fingerprint in their checkpoints; a pre-training checkpoint trained against another R is
 * refused.
 */
public final class TrainingJobs {
    private TrainingJobs() {}

    public static String stage1Dir(LrpoSettings s) {
        return s.run().outputDir() + "/" + SupervisedStage.RESTORATION.folder();
    }

    public static String pretrainDir(LrpoSettings s) {
        return s.run().outputDir() + "/pretrain";
    }

    public static String trainDir(LrpoSettings s) {
        return s.run().outputDir() + "/train";
    }

    /**
     * Supervised training of {@code stage}; returns the checkpoint folder written last.
     *
     * @param s the run's validated settings
     * @param config the full configuration they were read from ({@code lrpo} at its root), shipped to executors
     */
    public static String pretrain(SparkSession spark, LrpoSettings s, Config config, SparkTrainSettings st,
                                  SupervisedStage stage, boolean resume, PrintStream out) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = jsc.hadoopConfiguration();
        String dir = s.run().outputDir() + "/" + stage.folder();
        CheckpointStore store = new HadoopCheckpointStore(dir + "/checkpoints", hadoop);
        requireFreshOrResume(store, resume, "pretrain --stage " + stage.label());
        PairSourceFactory data = pairs(spark, jsc, st, s, GeneratedPairs.PRETRAIN_STAGE);
        if (stage == SupervisedStage.DIFFUSION) {
            data = conditionedOnStage1(jsc, data, store, s, out);
        }
        RunSpec spec = RunSpec.of(config);
        ExecutorEngine.get(s.run());
        try (SparkPretrainer p = new SparkPretrainer(jsc, spec, stage, stage.create(s, Device.cpu()), data,
                partitions(jsc, st), st.faults(), store, new MetricsTable(dir + "/metrics.jsonl", "step", hadoop), out)) {
            p.resume().ifPresent(step -> out.println(stage.label() + ": resuming at step " + step));
            p.run(Long.MAX_VALUE);
            String last = new CheckpointFinder(store).newestComplete().orElseThrow();
            out.println(stage.label() + ": checkpoints in " + store.describe("") + ", newest " + last + "; metrics in "
                    + dir + "/metrics.jsonl");
            return last;
        }
    }

    /**
     * The frozen stage-1 restoration module of the run: the newest checkpoint in {@link #stage1Dir}, its
     * EMA weights when it has them.
     */
    public static FrozenRestoration loadStage1(Configuration hadoop, LrpoSettings s) throws IOException {
        try {
            return Stage1Checkpoints.loadNewest(new HadoopCheckpointStore(stage1Dir(s) + "/checkpoints", hadoop),
                    s.restoration(), Device.cpu(), s.run().seed());
        } catch (java.io.FileNotFoundException e) {
            throw new BadInputException(e.getMessage() + " with the same lrpo.output-dir");
        }
    }

    /**
     * {@code data} conditioned on the run's stage 1, broadcast to executors; a run resumed in
     * {@code store} must have been trained against that same stage 1.
     */
    private static PairSourceFactory conditionedOnStage1(JavaSparkContext jsc, PairSourceFactory data,
                                                         CheckpointStore store, LrpoSettings s, PrintStream out)
            throws IOException {
        try (FrozenRestoration stage1 = loadStage1(jsc.hadoopConfiguration(), s)) {
            Optional<String> newest = new CheckpointFinder(store).newestComplete();
            if (newest.isPresent()) {
                Stage1Checkpoints.requireMatch(new CheckpointReader(store).readManifest(newest.get()).links(),
                        store.describe(newest.get()), stage1.fingerprint());
            }
            out.println("conditioning on stage 1 " + stage1.fingerprint().substring(0, 12) + " from " + stage1Dir(s));
            return PairSourceFactory.conditioned(data, jsc.broadcast(Stage1Weights.of(stage1)));
        }
    }

    /**
     * LRPO rounds, starting from the newest pre-training checkpoint (its EMA weights when it has them,
     * as the single-JVM pipeline does) or, with {@code fromScratch}, from freshly initialised weights.
     * {@code s} and {@code config} as for {@link #pretrain}.
     */
    public static String train(SparkSession spark, LrpoSettings s, Config config, SparkTrainSettings st,
                               boolean resume, boolean fromScratch, RewardFactory reward, PrintStream out)
            throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = jsc.hadoopConfiguration();
        CheckpointStore store = new HadoopCheckpointStore(trainDir(s) + "/checkpoints", hadoop);
        requireFreshOrResume(store, resume, "train");
        ExecutorEngine.get(s.run());
        ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed());
        boolean handedOver = false;
        try {
            PairSourceFactory data = conditionedOnStage1(jsc, pairs(spark, jsc, st, s, GeneratedPairs.RL_STAGE), store,
                    s, out);
            if (!fromScratch) {
                startFromPretraining(policy, new HadoopCheckpointStore(pretrainDir(s) + "/checkpoints", hadoop),
                        data.links(), out);
            }
            SparkLrpoTrainer.Sources sources = new SparkLrpoTrainer.Sources(data, reward, partitions(jsc, st), st.faults());
            MetricsTable metrics = new MetricsTable(trainDir(s) + "/metrics.jsonl", "round", hadoop);
            handedOver = true;
            try (SparkLrpoTrainer t = new SparkLrpoTrainer(jsc, RunSpec.of(config), policy, sources, store,
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

    private static void startFromPretraining(ConditionalDenoiser policy, CheckpointStore pretrained,
                                             Map<String, String> stage1, PrintStream out) throws IOException {
        Optional<String> newest = new CheckpointFinder(pretrained).newestComplete();
        if (newest.isEmpty()) {
            throw new BadInputException("no pre-training checkpoint in " + pretrained.describe("")
                    + ": run `lrpo pretrain` with the same lrpo.output-dir first, or pass --from-scratch");
        }
        NetworkParameters parameters = new NetworkParameters(policy);
        CheckpointContents c = new CheckpointReader(pretrained)
                .load(newest.get(), parameters.allLayout(), parameters.trainableLayout()).contents();
        Stage1Checkpoints.requireMatch(c.links(), pretrained.describe(newest.get()),
                stage1.get(CheckpointContents.STAGE1));
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
        DatasetFaces faces = DatasetFaces.load(spark, st.dataset(), s.model().resolution(), st.maxDatasetMb());
        return PairSourceFactory.dataset(jsc.broadcast(faces), stage);
    }
}

package org.lrpo.jobs.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.lrpo.FidelityTestReward;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.Policies;
import org.lrpo.jobs.io.HadoopCheckpointStore;

/**
 * Tasks that fail on their first attempt and are retried change nothing: {@code local[2,4]} (two task
 * threads, up to four attempts per task) with 10 % of tasks throwing on attempt 0, chosen by a hash of
 * (stage, round or step, index, partition), against the same run without failures; with the gradients added
 * through a tree ({@code spark-train.aggregation-fan-in}, {@link GradientTree}) as well as flat.
 */
class InjectedFailuresTest {
    private static final FaultInjection TEN_PERCENT = new FaultInjection(0.10, false);
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        spark = TinyRun.localSpark("local[2,4]");
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static ParameterSet lrpo(Config config, FaultInjection faults, Path out) throws IOException {
        return lrpo(config, 2, faults, out);
    }

    private static ParameterSet lrpo(Config config, int partitions, FaultInjection faults, Path out) throws IOException {
        RunSpec spec = RunSpec.of(config);
        ConditionalDenoiser policy = Policies.create(spec.settings().model(), Device.cpu(), spec.settings().run().seed());
        try (SparkLrpoTrainer t = new SparkLrpoTrainer(jsc, spec, policy, new SparkLrpoTrainer.Sources(
                PairSourceFactory.generated(GeneratedPairs.RL_STAGE), s -> new FidelityTestReward(), partitions, faults),
                new HadoopCheckpointStore(out.resolve("checkpoints").toUri().toString(), jsc.hadoopConfiguration()),
                new MetricsTable(out.resolve("metrics.jsonl").toUri().toString(), "round", jsc.hadoopConfiguration()),
                System.out)) {
            t.resume();
            t.run(Long.MAX_VALUE);
            return t.weights();
        }
    }

    private static ParameterSet pretrain(Config config, FaultInjection faults, Path out) throws IOException {
        return pretrain(config, 2, faults, out);
    }

    private static ParameterSet pretrain(Config config, int partitions, FaultInjection faults, Path out)
            throws IOException {
        RunSpec spec = RunSpec.of(config);
        ConditionalDenoiser policy = Policies.create(spec.settings().model(), Device.cpu(), spec.settings().run().seed());
        try (SparkPretrainer p = new SparkPretrainer(jsc, spec, SupervisedStage.DIFFUSION, policy,
                PairSourceFactory.generated(GeneratedPairs.PRETRAIN_STAGE), partitions, faults,
                new HadoopCheckpointStore(out.resolve("checkpoints").toUri().toString(), jsc.hadoopConfiguration()),
                new MetricsTable(out.resolve("metrics.jsonl").toUri().toString(), "step", jsc.hadoopConfiguration()),
                System.out)) {
            p.resume();
            p.run(Long.MAX_VALUE);
            return p.weights();
        }
    }

    @Test
    void lrpoRoundsWithRetriedTasksEndWithTheSameWeights(@TempDir Path dir) throws IOException {
        Config config = TinyRun.config("rl.rounds=2");
        ParameterSet clean = lrpo(config, FaultInjection.none(), dir.resolve("clean"));
        long before = FaultInjection.injectedSoFar();
        ParameterSet retried = lrpo(config, TEN_PERCENT, dir.resolve("faulty"));
        long injected = FaultInjection.injectedSoFar() - before;
        System.out.println("LRPO: " + injected + " injected task failures, all retried");
        assertTrue(injected > 0, "the switch made some tasks fail");
        assertTrue(clean.bitwiseEquals(retried), "retries change nothing");
    }

    @Test
    void pretrainingWithRetriedTasksEndsWithTheSameWeights(@TempDir Path dir) throws IOException {
        Config config = TinyRun.config("pretrain.optimiser-steps=8");
        ParameterSet clean = pretrain(config, FaultInjection.none(), dir.resolve("clean"));
        long before = FaultInjection.injectedSoFar();
        ParameterSet retried = pretrain(config, TEN_PERCENT, dir.resolve("faulty"));
        long injected = FaultInjection.injectedSoFar() - before;
        System.out.println("pretrain: " + injected + " injected task failures, all retried");
        assertTrue(injected > 0, "the switch made some tasks fail");
        assertTrue(clean.bitwiseEquals(retried), "retries change nothing");
    }

    @Test
    void aGradientTreeGivesTheSameBitsWithRetriedTasksAndMatchesTheFlatSumUpToRounding(@TempDir Path dir)
            throws IOException {
        Config tree = TinyRun.config("rl.rounds=2", "rl.faces-per-round=4", "spark-train.aggregation-fan-in=2");
        ParameterSet clean = lrpo(tree, 4, FaultInjection.none(), dir.resolve("tree"));
        long before = FaultInjection.injectedSoFar();
        ParameterSet retried = lrpo(tree, 4, TEN_PERCENT, dir.resolve("tree-faulty"));
        assertTrue(FaultInjection.injectedSoFar() > before, "the switch made some tasks fail");
        assertTrue(clean.bitwiseEquals(retried), "retried tasks change nothing in a tree of fan-in 2 over 4 partitions");

        ParameterSet flat = lrpo(TinyRun.config("rl.rounds=2", "rl.faces-per-round=4"), 4, FaultInjection.none(),
                dir.resolve("flat"));
        ParameterSet wide = lrpo(TinyRun.config("rl.rounds=2", "rl.faces-per-round=4", "spark-train.aggregation-fan-in=4"), 4,
                FaultInjection.none(), dir.resolve("wide"));
        assertTrue(flat.bitwiseEquals(wide), "a fan-in of at least the partition count is the flat sum");
        double difference = TinyRun.maxAbsDifference(clean, flat);
        System.out.println("LRPO, tree of fan-in 2 vs flat over 4 partitions: max |weight difference| " + difference);
        assertTrue(difference < 1e-5, "the tree adds the same gradients in another order: " + difference);
    }

    @Test
    void pretrainingThroughAGradientTreeGivesTheSameBitsWithRetriedTasks(@TempDir Path dir) throws IOException {
        Config tree = TinyRun.config("pretrain.optimiser-steps=6", "spark-train.aggregation-fan-in=2");
        ParameterSet clean = pretrain(tree, 4, FaultInjection.none(), dir.resolve("clean"));
        long before = FaultInjection.injectedSoFar();
        ParameterSet retried = pretrain(tree, 4, TEN_PERCENT, dir.resolve("faulty"));
        assertTrue(FaultInjection.injectedSoFar() > before, "the switch made some tasks fail");
        assertTrue(clean.bitwiseEquals(retried), "retried tasks change nothing in a tree of fan-in 2 over 4 partitions");
        ParameterSet flat = pretrain(TinyRun.config("pretrain.optimiser-steps=6"), 4, FaultInjection.none(),
                dir.resolve("flat"));
        double difference = TinyRun.maxAbsDifference(clean, flat);
        System.out.println("pretraining, tree of fan-in 2 vs flat over 4 partitions: max |weight difference| "
                + difference);
        assertTrue(difference < 1e-5, "the tree adds the same gradients in another order: " + difference);
    }
}

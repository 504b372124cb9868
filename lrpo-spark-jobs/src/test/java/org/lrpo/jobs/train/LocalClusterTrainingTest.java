package org.lrpo.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.lrpo.FidelityTestReward;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.round.LrpoParts;
import org.lrpo.core.round.LrpoTrainer;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Policies;
import org.lrpo.jobs.io.HadoopCheckpointStore;
import org.lrpo.jobs.spark.ExecutorEngine;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.testing.LocalCluster;

/**
 * LRPO on two real executor JVMs ({@code local-cluster[2,1,1536]}): every closure and broadcast crosses a
 * process boundary, each executor builds its own policy, and trajectories live in the JVM that sampled
 * them. The result must match the single-JVM trainer (same tolerance as on local[2]).
 */
class LocalClusterTrainingTest {
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkSessions.create(LocalCluster.settings(2, 1, 1536), "local-cluster-training");
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void lrpoOnTwoExecutorJvmsMatchesTheSingleJvmTrainer(@TempDir Path dir) throws Exception {
        Config config = TinyRun.config("rl.rounds=2");
        RunSpec spec = RunSpec.of(config);
        LrpoSettings s = spec.settings();

        ParameterSet expected;
        ParameterSet start;
        long t0 = System.nanoTime();
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            start = new NetworkParameters(policy).readAll();
            GeneratedPairs faces = new GeneratedPairs(s.run().seed(), s.data().generatedIdentities(),
                    s.model().resolution(), s.degradation().preset(), new FaceSplit(s.data().heldOutFraction()))
                    .forStage(GeneratedPairs.RL_STAGE);
            LrpoTrainer t = new LrpoTrainer(policy, Optional.empty(), LrpoParts.of(s), faces,
                    new FidelityTestReward(), ExecutorEngine.get(s.run()));
            t.runRound();
            t.runRound();
            expected = new NetworkParameters(policy).readAll();
        }
        double single = (System.nanoTime() - t0) / 1e9;

        ParameterSet actual;
        List<org.lrpo.core.lrpo.RoundReport> reports;
        long t1 = System.nanoTime();
        ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed());
        try (SparkLrpoTrainer t = new SparkLrpoTrainer(jsc, spec, policy, new SparkLrpoTrainer.Sources(
                PairSourceFactory.generated(GeneratedPairs.RL_STAGE), x -> new FidelityTestReward(), 2, FaultInjection.none()),
                new HadoopCheckpointStore(dir.resolve("checkpoints").toUri().toString(), jsc.hadoopConfiguration()),
                new MetricsTable(dir.resolve("metrics.jsonl").toUri().toString(), "round", jsc.hadoopConfiguration()),
                System.out)) {
            t.resume();
            reports = t.run(Long.MAX_VALUE);
            actual = t.weights();
        }
        double distributed = (System.nanoTime() - t1) / 1e9;

        // What each executor JVM did: policies built, weight loads, cache misses (recomputed partitions).
        TreeMap<Long, String> perJvm = new TreeMap<>();
        for (String line : jsc.parallelize(IntStream.range(0, 16).boxed().toList(), 16)
                .map(i -> ProcessHandle.current().pid() + " policies=" + ExecutorPolicy.policiesCreated() + " loads="
                        + ExecutorPolicy.weightLoads() + " recomputes=" + RolloutCache.recomputes()
                        + " cached=" + RolloutCache.size())
                .collect()) {
            perJvm.put(Long.parseLong(line.split(" ")[0]), line);
        }
        double maxAbs = TinyRun.maxAbsDifference(actual, expected);
        double relative = TinyRun.relativeDifference(actual, expected, start);
        System.out.printf("local-cluster[2]: max |dw| = %.3g, relative = %.3g; single JVM %.2f s, 2 executor JVMs "
                + "%.2f s for 2 rounds; executors: %s; updates/skipped per round: %s%n", maxAbs, relative, single,
                distributed, perJvm.values(), reports.stream().map(r -> r.updates() + "/" + r.skippedUpdates()).toList());
        assertTrue(relative < 1e-3, "relative difference " + relative);
        assertTrue(maxAbs < 1e-4, "max abs difference " + maxAbs);
        assertEquals(2, perJvm.size(), "two executor JVMs answered: " + perJvm);
        for (String line : perJvm.values()) {
            assertTrue(line.contains("policies=1 "), "one policy per executor JVM: " + line);
            assertTrue(line.contains("cached=0"), "trajectories released: " + line);
        }
    }
}

package org.lrpo.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.lrpo.FidelityTestReward;
import org.lrpo.core.lrpo.RoundReport;
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

/** The Spark LRPO trainer against the single-JVM {@link LrpoTrainer} it distributes, on local[2]. */
class SparkLrpoTrainerTest {
    private static final int ROUNDS = 2;
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        spark = TinyRun.localSpark("local[2]");
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Config config(String... extra) {
        List<String> o = new ArrayList<>(List.of("rl.rounds=" + ROUNDS));
        o.addAll(List.of(extra));
        return TinyRun.config(o.toArray(String[]::new));
    }

    private record Run(ParameterSet start, ParameterSet end, List<RoundReport> reports, double seconds) {}

    private static Run singleJvm(Config config) {
        LrpoSettings s = LrpoSettings.read(config);
        GeneratedPairs faces = new GeneratedPairs(s.run().seed(), s.data().generatedIdentities(), s.model().resolution(),
                s.degradation().preset(), new FaceSplit(s.data().heldOutFraction())).forStage(GeneratedPairs.RL_STAGE);
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            ParameterSet start = new NetworkParameters(policy).readAll();
            LrpoTrainer t = new LrpoTrainer(policy, Optional.empty(), LrpoParts.of(s), faces,
                    new FidelityTestReward(), ExecutorEngine.get(s.run()));
            List<RoundReport> reports = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                reports.add(t.runRound());
            }
            return new Run(start, new NetworkParameters(policy).readAll(), reports, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static SparkLrpoTrainer spark(Config config, int partitions, FaultInjection faults, Path out,
                                          PrintStream console) throws IOException {
        RunSpec spec = RunSpec.of(config);
        LrpoSettings s = spec.settings();
        ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed());
        return new SparkLrpoTrainer(jsc, spec, policy, new SparkLrpoTrainer.Sources(
                PairSourceFactory.generated(GeneratedPairs.RL_STAGE), settings -> new FidelityTestReward(), partitions, faults),
                new HadoopCheckpointStore(out.resolve("checkpoints").toUri().toString(), jsc.hadoopConfiguration()),
                new MetricsTable(out.resolve("metrics.jsonl").toUri().toString(), "round", jsc.hadoopConfiguration()),
                console);
    }

    private static Run sparkRun(Config config, int partitions, FaultInjection faults, Path out, PrintStream console)
            throws IOException {
        try (SparkLrpoTrainer t = spark(config, partitions, faults, out, console)) {
            ParameterSet start = t.weights();
            t.resume();
            long t0 = System.nanoTime();
            List<RoundReport> reports = t.run(Long.MAX_VALUE);
            return new Run(start, t.weights(), reports, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The report without its wall-clock fields, which no two runs share. */
    private static RoundReport untimed(RoundReport r) {
        return r.withPhaseSeconds(0, 0, 0);
    }

    @Test
    void onePartitionReproducesTheSingleJvmTrainerBitForBit(@TempDir Path dir) throws IOException {
        Config config = config();
        Run expected = singleJvm(config);
        Run actual = sparkRun(config, 1, FaultInjection.none(), dir, System.out);
        assertTrue(expected.end().bitwiseEquals(actual.end()), "one shard per micro-batch = LrpoTrainer exactly");
        for (int i = 0; i < ROUNDS; i++) {
            assertEquals(untimed(expected.reports().get(i)), untimed(actual.reports().get(i)));
        }
        System.out.printf("single JVM %.2f s per round; Spark local[2], 1 partition %.2f s per round%n",
                expected.seconds() / ROUNDS, actual.seconds() / ROUNDS);
    }

    /**
     * With a KL term the executors build the frozen reference from the weights the driver started from,
     * as the single-JVM trainer copies its starting policy: still bit for bit, and the term changes the
     * weights.
     */
    @Test
    void withAKlTermOnePartitionStillReproducesTheSingleJvmTrainerBitForBit(@TempDir Path dir) throws IOException {
        Config config = config("rl.kl-weight=0.5");
        Run expected = singleJvm(config);
        Run actual = sparkRun(config, 1, FaultInjection.none(), dir, System.out);
        assertTrue(expected.end().bitwiseEquals(actual.end()), "the KL's reference is the same on both runners");
        assertFalse(expected.end().bitwiseEquals(singleJvm(config()).end()), "the KL term counts");
    }

    /**
     * Two partitions: each micro-batch's loss is computed in two shards whose gradients are added, instead
     * of one batched backward, which changes the float summation order inside libtorch (~1e-7 relative);
     * rollouts and rewards of round 0 are identical (same weights, same seeds), later rounds sample from
     * weights that differ by that rounding. AdamW carries the differences into the weights; they stay far
     * below how far training moved them.
     */
    @Test
    void twoPartitionsMatchTheSingleJvmTrainerAndWriteMetricsAndProgress(@TempDir Path dir) throws Exception {
        Config config = config();
        Run expected = singleJvm(config);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener counter = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
                jobs.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(counter);
        Run actual;
        try {
            actual = sparkRun(config, 2, FaultInjection.none(), dir, new PrintStream(console, true, StandardCharsets.UTF_8));
        } finally {
            spark.sparkContext().removeSparkListener(counter);
        }
        double maxAbs = TinyRun.maxAbsDifference(actual.end(), expected.end());
        double relative = TinyRun.relativeDifference(actual.end(), expected.end(), expected.start());
        System.out.printf("LRPO, 2 partitions vs single JVM after %d rounds: max |dw| = %.3g, relative = %.3g; "
                + "single JVM %.2f s per round, Spark local[2] %.2f s per round%n", ROUNDS, maxAbs, relative,
                expected.seconds() / ROUNDS, actual.seconds() / ROUNDS);
        assertTrue(relative < 1e-3, "relative difference " + relative);
        assertTrue(maxAbs < 1e-4, "max abs difference " + maxAbs);
        // Round 0 samples from the same theta_old on both sides: identical rewards.
        assertEquals(expected.reports().get(0).rewardMean(), actual.reports().get(0).rewardMean());
        assertEquals(expected.reports().get(0).updates(), actual.reports().get(0).updates());
        List<String> rows = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertEquals(ROUNDS, rows.size());
        assertTrue(rows.get(1).contains("\"round\":1"), rows.get(1));
        for (String row : rows) {
            // The round's time split adds up to its wall time; stages = the rollout + one per trained step.
            JsonNode t = new ObjectMapper().readTree(row).get("spark");
            double parts = 0;
            for (String f : List.of("rolloutSeconds", "rewardSeconds", "gradientSeconds", "driverSeconds",
                    "overheadSeconds")) {
                assertTrue(t.get(f).asDouble() >= 0, f + " in " + row);
                parts += t.get(f).asDouble();
            }
            assertEquals(t.get("wallSeconds").asDouble(), parts, 1e-9, row);
            assertTrue(t.get("rolloutSeconds").asDouble() > 0 && t.get("gradientSeconds").asDouble() > 0, row);
            assertEquals(1 + config.getInt("lrpo.sampler.denoising-steps") - 1, t.get("sparkStages").asInt(), row);
            assertTrue(t.get("driverPeakRssMb").asDouble() > 100, row);
        }
        String text = console.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("LRPO round 2/2") && text.contains("clip fraction"), text);
        assertEquals(0, RolloutCache.size(), "every round's trajectories are released");
        // Listener events arrive asynchronously; by the time the run has returned they have been posted.
        spark.sparkContext().listenerBus().waitUntilEmpty();
        assertEquals(ROUNDS * config.getInt("lrpo.sampler.denoising-steps") + 1, jobs.get(),
                "one Spark job per stage of each round (the last gradient tasks free the trajectories), and one "
                        + "release at the end");
    }

    /**
     * Accumulated updates (theta fixed over a micro-batch): each task sums the micro-batch's steps itself, so
     * a round runs one gradient stage per micro-batch. One partition still reproduces LrpoTrainer bit for bit.
     */
    @Test
    void accumulatedUpdatesRunOneStagePerMicroBatchAndMatchTheSingleJvmTrainer(@TempDir Path dir) throws IOException {
        Config config = config("rl.update=accumulate", "rl.micro-batches=2");
        Run expected = singleJvm(config);
        Run one = sparkRun(config, 1, FaultInjection.none(), dir.resolve("one"), System.out);
        assertTrue(expected.end().bitwiseEquals(one.end()), "one partition = LrpoTrainer exactly");
        for (int i = 0; i < ROUNDS; i++) {
            assertEquals(untimed(expected.reports().get(i)), untimed(one.reports().get(i)));
            assertEquals(2, one.reports().get(i).updates(), "one update per micro-batch");
        }
        Run two = sparkRun(config, 2, FaultInjection.none(), dir.resolve("two"), System.out);
        double relative = TinyRun.relativeDifference(two.end(), expected.end(), expected.start());
        assertTrue(relative < 1e-3, "relative difference " + relative);
        for (String row : Files.readAllLines(dir.resolve("two").resolve("metrics.jsonl"))) {
            assertEquals(1 + 2, new ObjectMapper().readTree(row).get("spark").get("sparkStages").asInt(),
                    "the rollout stage and one gradient stage per micro-batch: " + row);
        }
    }

    @Test
    void lostTrajectoriesAreRecomputedToTheSameResult(@TempDir Path dir) throws IOException {
        Config config = config();
        Run cached = sparkRun(config, 2, FaultInjection.none(), dir.resolve("cached"), System.out);
        Run recomputed = sparkRun(config, 2, new FaultInjection(0, true), dir.resolve("recomputed"), System.out);
        assertTrue(cached.end().bitwiseEquals(recomputed.end()), "recomputing from theta_old and the seeds changes nothing");
        for (int i = 0; i < ROUNDS; i++) {
            assertEquals(untimed(cached.reports().get(i)), untimed(recomputed.reports().get(i)));
        }
    }

    /**
     * Two partitions of one face each, every one spilled (to the default folder, under Spark's scratch
     * folder) and read back by every gradient task.
     */
    @Test
    void spillingEveryPartitionToDiskTrainsToTheSameWeights(@TempDir Path dir) throws IOException {
        Run inMemory = sparkRun(config(), 2, FaultInjection.none(), dir.resolve("memory"), System.out);
        long spilled = RolloutCache.spilledPartitions();
        long spilledBytes = RolloutCache.spilledBytes();
        long recomputes = RolloutCache.recomputes();
        Run onDisk = sparkRun(config("spark-train.rollout-cache.memory-mb=0"), 2, FaultInjection.none(),
                dir.resolve("disk"), System.out);
        assertTrue(inMemory.end().bitwiseEquals(onDisk.end()), "spilled trajectories train exactly like cached ones");
        for (int i = 0; i < ROUNDS; i++) {
            assertEquals(untimed(inMemory.reports().get(i)), untimed(onDisk.reports().get(i)));
        }
        assertEquals(spilled + 2L * ROUNDS, RolloutCache.spilledPartitions(), "every partition of every round");
        assertEquals(recomputes, RolloutCache.recomputes(), "read back, not resampled");
        try (var left = Files.list(Path.of(SparkFiles.getRootDirectory(), "lrpo-rollout-cache"))) {
            assertEquals(0, left.count(), "released rounds leave no spill files");
        }
        System.out.printf("spilled %d partitions, %d bytes; in memory %.2f s per round, spilled %.2f s per round%n",
                2 * ROUNDS, RolloutCache.spilledBytes() - spilledBytes, inMemory.seconds() / ROUNDS,
                onDisk.seconds() / ROUNDS);
    }

    @Test
    void aResumedRunEndsWithTheSameWeightsAndMetricsAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        Config config = config("rl.checkpoint-every=1");
        Run uninterrupted = sparkRun(config, 2, FaultInjection.none(), dir.resolve("a"), System.out);
        try (SparkLrpoTrainer t = spark(config, 2, FaultInjection.none(), dir.resolve("b"), System.out)) {
            t.resume();
            t.run(1);
        }
        try (SparkLrpoTrainer t = spark(config, 2, FaultInjection.none(), dir.resolve("b"), System.out)) {
            assertEquals(Optional.of(1L), t.resume());
            t.run(Long.MAX_VALUE);
            assertTrue(uninterrupted.end().bitwiseEquals(t.weights()));
        }
        List<String> a = Files.readAllLines(dir.resolve("a").resolve("metrics.jsonl"));
        List<String> b = Files.readAllLines(dir.resolve("b").resolve("metrics.jsonl"));
        assertEquals(ROUNDS, b.size());
        // Rows carry wall-clock seconds; everything before them must agree.
        for (int i = 0; i < ROUNDS; i++) {
            assertEquals(a.get(i).replaceAll("\"rolloutSeconds\".*", ""), b.get(i).replaceAll("\"rolloutSeconds\".*", ""));
        }
    }

    @Test
    void roundsReleaseTheirCachesAndPersistedRddsAndRunCallsContinueExactly(@TempDir Path dir)
            throws IOException {
        Config config = config("rl.rounds=4");
        Run uninterrupted = sparkRun(config, 2, FaultInjection.none(), dir.resolve("a"), System.out);
        try (SparkLrpoTrainer t = spark(config, 2, FaultInjection.none(), dir.resolve("b"), System.out)) {
            t.resume();
            t.run(1);
            t.run(2);
            t.run(4);
            assertTrue(jsc.getPersistentRDDs().isEmpty(), "rollout RDDs unpersisted");
            assertEquals(0, RolloutCache.size(), "trajectories released");
            assertTrue(uninterrupted.end().bitwiseEquals(t.weights()), "run(1), run(2), run(4) = one run of 4 rounds");
        }
    }
}

package org.lrpo.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
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
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Policies;
import org.lrpo.core.train.Pretrainer;
import org.lrpo.jobs.io.HadoopCheckpointStore;
import org.lrpo.jobs.spark.ExecutorEngine;

/**
 * The Spark pre-training job against the single-JVM {@link Pretrainer} it distributes, on local[2]
 * (both partitions' tasks run in this JVM, sharing its one executor policy).
 */
class SparkPretrainerTest {
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

    private record SingleJvm(ParameterSet start, ParameterSet end, List<Pretrainer.StepReport> reports, double seconds) {}

    private static SingleJvm singleJvm(Config config) {
        LrpoSettings s = LrpoSettings.read(config);
        GeneratedPairs faces = new GeneratedPairs(s.run().seed(), s.data().generatedIdentities(), s.model().resolution(),
                s.degradation().preset(), new FaceSplit(s.data().heldOutFraction()));
        NoiseSchedule schedule = NoiseSchedule.scaledLinear(s.schedule().trainTimesteps(), s.schedule().betaStart(),
                s.schedule().betaEnd());
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            ParameterSet start = new NetworkParameters(policy).readAll();
            Pretrainer p = new Pretrainer(policy, schedule, ExecutorEngine.get(s.run()), faces, s.pretrain(), s.run().seed());
            List<Pretrainer.StepReport> reports = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < s.pretrain().optimiserSteps(); i++) {
                reports.add(p.step());
            }
            return new SingleJvm(start, p.parameters().readAll(), reports, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static SparkPretrainer spark(Config config, int partitions, Path out, PrintStream console) throws IOException {
        RunSpec spec = RunSpec.of(config);
        LrpoSettings s = spec.settings();
        ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed());
        return new SparkPretrainer(jsc, spec, SupervisedStage.DIFFUSION, policy, PairSourceFactory.generated(GeneratedPairs.PRETRAIN_STAGE),
                partitions, FaultInjection.none(), new HadoopCheckpointStore(out.resolve("checkpoints").toUri().toString(), jsc.hadoopConfiguration()),
                new MetricsTable(out.resolve("metrics.jsonl").toUri().toString(), "step", jsc.hadoopConfiguration()),
                console);
    }

    @Test
    void onePartitionReproducesThePretrainerBitForBit(@TempDir Path dir) throws IOException {
        Config config = TinyRun.config();
        SingleJvm expected = singleJvm(config);
        try (SparkPretrainer p = spark(config, 1, dir, System.out)) {
            p.resume();
            List<Pretrainer.StepReport> reports = p.run(Long.MAX_VALUE);
            assertTrue(expected.end().bitwiseEquals(p.weights()), "one shard = the whole batch in one call");
            assertEquals(expected.reports(), reports);
        }
    }

    /**
     * Two shards: libtorch sums the per-sample contributions to each weight's gradient inside one batched
     * backward; splitting the batch in two changes that float summation order (~1e-7 relative per
     * gradient element), and AdamW's m / sqrt(v) carries such differences into the weights. They stay
     * far below how much training moved the weights.
     */
    @Test
    void twoPartitionsMatchThePretrainerAndReuseOnePolicyPerJvm(@TempDir Path dir) throws IOException {
        Config config = TinyRun.config();
        SingleJvm expected = singleJvm(config);
        long created = ExecutorPolicy.policiesCreated();
        long loads = ExecutorPolicy.weightLoads();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (SparkPretrainer p = spark(config, 2, dir, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            p.resume();
            long t0 = System.nanoTime();
            List<Pretrainer.StepReport> reports = p.run(Long.MAX_VALUE);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double maxAbs = TinyRun.maxAbsDifference(p.weights(), expected.end());
            double relative = TinyRun.relativeDifference(p.weights(), expected.end(), expected.start());
            System.out.printf("2 partitions vs single JVM after %d steps: max |dw| = %.3g, relative = %.3g; "
                    + "single JVM %.3f s per step, Spark local[2] %.3f s per step%n", reports.size(), maxAbs, relative,
                    expected.seconds() / reports.size(), seconds / reports.size());
            assertTrue(relative < 1e-3, "relative difference " + relative);
            assertTrue(maxAbs < 1e-4, "max abs difference " + maxAbs);
            for (int i = 0; i < reports.size(); i++) {
                assertEquals(expected.reports().get(i).loss(), reports.get(i).loss(), 1e-5 * expected.reports().get(i).loss());
            }
        }
        // local[2]: both partitions' tasks ran in this JVM: one policy built, loaded in full once and then
        // with the trainable weights of versions 1 and 2 (steps 2 and 3), never once per task.
        assertEquals(1, ExecutorPolicy.policiesCreated() - created);
        assertEquals(3, ExecutorPolicy.weightLoads() - loads);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("diffusion step 3/3"), console.toString());
    }

    @Test
    void aResumedRunEndsWithTheSameWeightsAndMetricsAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        Config config = TinyRun.config("pretrain.optimiser-steps=4", "pretrain.checkpoint-every=2", "pretrain.lr-schedule=cosine");
        ParameterSet uninterrupted;
        try (SparkPretrainer p = spark(config, 2, dir.resolve("a"), System.out)) {
            assertEquals(Optional.empty(), p.resume());
            p.run(Long.MAX_VALUE);
            uninterrupted = p.weights();
        }
        try (SparkPretrainer p = spark(config, 2, dir.resolve("b"), System.out)) {
            p.resume();
            p.run(3); // "crashes" after step 3, one step past its last checkpoint (step 2)
        }
        try (SparkPretrainer p = spark(config, 2, dir.resolve("b"), System.out)) {
            assertEquals(Optional.of(2L), p.resume());
            p.run(Long.MAX_VALUE);
            assertEquals(4, p.stepCount());
            assertTrue(uninterrupted.bitwiseEquals(p.weights()), "resumed = uninterrupted, bit for bit");
        }
        List<String> a = Files.readAllLines(dir.resolve("a").resolve("metrics.jsonl"));
        List<String> b = Files.readAllLines(dir.resolve("b").resolve("metrics.jsonl"));
        assertEquals(4, a.size());
        assertEquals(a, b);
        assertFalse(a.get(0).isBlank());
    }
}

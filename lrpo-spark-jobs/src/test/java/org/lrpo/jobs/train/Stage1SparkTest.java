package org.lrpo.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.CheckpointMismatchException;
import org.lrpo.core.checkpoint.LocalCheckpointStore;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.model.RestorationNet;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.restoration.RestorationObjective;
import org.lrpo.core.restoration.Stage1Checkpoints;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Pretrainer;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.jobs.io.HadoopCheckpointStore;
import org.lrpo.jobs.spark.ExecutorEngine;

/**
 * Stage 1 on Spark: the restoration module's data-parallel training is the single-JVM one distributed,
 * executors condition on the broadcast R exactly as the driver would, and a diffusion checkpoint
 * trained against another R is refused.
 */
class Stage1SparkTest {
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

    private static Config config() {
        return TinyRun.config("restoration.channels=8", "restoration.blocks=1", "restoration.optimiser-steps=4",
                "restoration.batch-size=4", "restoration.warmup-steps=1", "restoration.ema-decay=0.9",
                "restoration.checkpoint-every=0", "restoration.tile-size=64");
    }

    private static GeneratedPairs faces(LrpoSettings s) {
        return new GeneratedPairs(s.run().seed(), s.data().generatedIdentities(), s.model().resolution(),
                s.degradation().preset(), new FaceSplit(s.data().heldOutFraction()));
    }

    @Test
    void onePartitionReproducesTheSingleJvmStage1BitForBit(@TempDir Path dir) throws IOException {
        Config config = config();
        LrpoSettings s = LrpoSettings.read(config);
        ParameterSet expected;
        List<Pretrainer.StepReport> expectedReports = new ArrayList<>();
        try (RestorationNet net = RestorationNet.create(s.restoration().network(), Device.cpu(), s.run().seed())) {
            Pretrainer p = new Pretrainer(net, new RestorationObjective(net, ExecutorEngine.get(s.run()),
                    s.restoration().loss()), faces(s), s.restoration().optimiser(), s.run().seed());
            for (int i = 0; i < s.restoration().optimiser().optimiserSteps(); i++) {
                expectedReports.add(p.step());
            }
            expected = p.parameters().readAll();
        }
        RunSpec spec = RunSpec.of(config);
        try (SparkPretrainer p = new SparkPretrainer(jsc, spec, SupervisedStage.RESTORATION,
                SupervisedStage.RESTORATION.create(s, Device.cpu()),
                PairSourceFactory.generated(GeneratedPairs.PRETRAIN_STAGE), 1, FaultInjection.none(),
                new HadoopCheckpointStore(dir.resolve("checkpoints").toUri().toString(), jsc.hadoopConfiguration()),
                new MetricsTable(dir.resolve("metrics.jsonl").toUri().toString(), "step", jsc.hadoopConfiguration()),
                System.out)) {
            p.resume();
            List<Pretrainer.StepReport> reports = p.run(Long.MAX_VALUE);
            assertTrue(expected.bitwiseEquals(p.weights()), "one shard = the whole batch in one call");
            assertEquals(expectedReports, reports);
        }
    }

    @Test
    void executorsConditionOnTheBroadcastStage1AsTheDriverWould() {
        LrpoSettings s = LrpoSettings.read(config());
        try (FrozenRestoration stage1 = trainedLooking(s, 3)) {
            PairSourceFactory conditioned = PairSourceFactory.conditioned(
                    PairSourceFactory.generated(GeneratedPairs.PRETRAIN_STAGE),
                    jsc.broadcast(Stage1Weights.of(stage1)));
            assertEquals(Map.of(CheckpointContents.STAGE1, stage1.fingerprint()), conditioned.links());
            List<float[]> onExecutors = jsc.parallelize(List.of(0, 1), 2)
                    .map(i -> conditioned.create(LrpoSettings.read(config())).batch(5, i, 1).get(0).condition().chw())
                    .collect();
            List<TrainingPair> raw = faces(s).batch(5, 0, 2);
            List<TrainingPair> local = org.lrpo.core.restoration.ConditionedPairs.condition(raw, stage1);
            for (int i = 0; i < 2; i++) {
                float[] expected = local.get(i).condition().chw();
                double worst = 0;
                for (int j = 0; j < expected.length; j++) {
                    worst = Math.max(worst, Math.abs(expected[j] - onExecutors.get(i)[j]));
                }
                // Batch 2 here, batch 1 there: libtorch may round a convolution differently per batch size.
                assertTrue(worst < 1e-6, "face " + i + ": executor and driver R(lq) differ by " + worst);
                assertFalse(java.util.Arrays.equals(raw.get(i).lq().chw(), onExecutors.get(i)),
                        "the condition is R(lq), not the LQ");
            }
        }
    }

    @Test
    void aDiffusionCheckpointOfAnotherStage1IsRefusedNamingBoth() throws CheckpointMismatchException {
        LrpoSettings s = LrpoSettings.read(config());
        try (FrozenRestoration a = trainedLooking(s, 1); FrozenRestoration b = trainedLooking(s, 2)) {
            Map<String, String> trainedAgainstA = Stage1Checkpoints.linkTo(a);
            CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                    () -> Stage1Checkpoints.requireMatch(trainedAgainstA, "pretrain/step-1", b.fingerprint()));
            assertTrue(e.getMessage().contains(a.fingerprint()) && e.getMessage().contains(b.fingerprint()),
                    e.getMessage());
            assertThrows(CheckpointMismatchException.class,
                    () -> Stage1Checkpoints.requireMatch(Map.of(), "old/step-1", b.fingerprint()));
            Stage1Checkpoints.requireMatch(trainedAgainstA, "pretrain/step-1", a.fingerprint());
        }
    }

    @Test
    void theNewestStage1CheckpointLoadsWithTheFingerprintOfTheWeightsItRunsWith(@TempDir Path dir) throws IOException {
        LrpoSettings s = LrpoSettings.read(config());
        try (RestorationNet net = RestorationNet.create(s.restoration().network(), Device.cpu(), s.run().seed())) {
            Pretrainer p = new Pretrainer(net, new RestorationObjective(net, ExecutorEngine.get(s.run()),
                    s.restoration().loss()), faces(s), s.restoration().optimiser(), s.run().seed());
            p.step();
            p.step();
            LocalCheckpointStore store = new LocalCheckpointStore(dir);
            new org.lrpo.core.checkpoint.CheckpointWriter(store).write(p.checkpoint("{}"));
            p.useEmaWeights();
            String emaFingerprint = org.lrpo.core.checkpoint.WeightsFingerprint.of(p.parameters().readAll());
            try (FrozenRestoration loaded = Stage1Checkpoints.loadNewest(store, s.restoration(), Device.cpu(), 0)) {
                assertEquals(emaFingerprint, loaded.fingerprint(), "stage 1 runs with its EMA weights");
            }
        }
    }

    /** A restoration module with seeded non-identity weights. */
    private static FrozenRestoration trainedLooking(LrpoSettings s, long seed) {
        RestorationNet net = RestorationNet.create(s.restoration().network(), Device.cpu(), s.run().seed());
        NetworkParameters parameters = new NetworkParameters(net);
        float[] w = parameters.readAll().flat().clone();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        for (int i = 0; i < w.length; i++) {
            w[i] += (float) (0.05 * (rng.nextDouble() - 0.5));
        }
        ParameterSet weights = ParameterSet.wrap(parameters.allLayout(), w);
        parameters.writeAll(weights);
        return new FrozenRestoration(net, s.restoration().tileSize(),
                org.lrpo.core.checkpoint.WeightsFingerprint.of(weights));
    }
}

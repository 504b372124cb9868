package org.lrpo.core.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.engine.CollectingBeforeBackward;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.lrpo.FidelityTestReward;
import org.lrpo.core.lrpo.LrpoObjective;
import org.lrpo.core.lrpo.RoundReport;
import org.lrpo.core.lrpo.StepStatistics;
import org.lrpo.core.lrpo.TrainingSample;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Policies;

class LrpoTrainerTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);
    }

    private static LrpoSettings settings(String... extra) {
        List<String> o = new ArrayList<>(List.of("model.resolution=16", "model.base-channels=8",
                "model.channel-multipliers=[1,2]", "model.group-norm-groups=4", "model.time-embedding-dim=16",
                "sampler.denoising-steps=6", "rl.faces-per-round=2", "rl.group-size=3", "rl.learning-rate=1e-3",
                "rl.regulariser.last-denoising-steps=2", "seed=5"));
        o.addAll(List.of(extra));
        return LrpoSettings.read(ConfigLoader.load(Optional.empty(), o));
    }

    /** The trained weights after {@code rounds} rounds from a fresh policy. */
    private static ParameterSet train(LrpoSettings s, int rounds, List<RoundReport> reports) {
        GeneratedPairs faces = new GeneratedPairs(s.run().seed(), 32, 16, s.degradation().preset(), new FaceSplit(0.1));
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            LrpoTrainer trainer = new LrpoTrainer(policy, Optional.empty(), LrpoParts.of(s), faces,
                    new FidelityTestReward(), engine);
            for (int r = 0; r < rounds; r++) {
                reports.add(trainer.runRound());
            }
            return new NetworkParameters(policy).readAll();
        }
    }

    @Test
    void aRunIsReproducibleBitForBitFromItsSeed() {
        List<RoundReport> a = new ArrayList<>();
        List<RoundReport> b = new ArrayList<>();
        ParameterSet first = train(settings(), 2, a);
        ParameterSet second = train(settings(), 2, b);
        assertTrue(first.bitwiseEquals(second), "same seed, same weights");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).rewardMean(), b.get(i).rewardMean());
            assertEquals(a.get(i).ratioMean(), b.get(i).ratioMean());
        }
        ParameterSet other = train(settings("seed=6"), 2, new ArrayList<>());
        assertFalse(first.bitwiseEquals(other), "another seed, other weights");
    }

    @Test
    void aResumedRunEndsWithTheSameWeightsAndMetricsAsAnUninterruptedOne() {
        LrpoSettings s = settings();
        List<RoundReport> uninterrupted = new ArrayList<>();
        ParameterSet expected = train(s, 2, uninterrupted);
        GeneratedPairs faces = new GeneratedPairs(s.run().seed(), 32, 16, s.degradation().preset(), new FaceSplit(0.1));
        org.lrpo.core.checkpoint.CheckpointContents afterOne;
        RoundReport first;
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            LrpoTrainer t = new LrpoTrainer(policy, Optional.empty(), LrpoParts.of(s), faces,
                    new FidelityTestReward(), engine);
            first = t.runRound();
            afterOne = t.checkpoint("{}");
        }
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), 1234)) {
            LrpoTrainer t = new LrpoTrainer(policy, Optional.empty(), LrpoParts.of(s), faces,
                    new FidelityTestReward(), engine);
            t.restore(afterOne);
            RoundReport second = t.runRound();
            assertTrue(expected.bitwiseEquals(new NetworkParameters(policy).readAll()));
            assertEquals(uninterrupted.get(0).rewardMean(), first.rewardMean());
            assertEquals(uninterrupted.get(1).rewardMean(), second.rewardMean());
            assertEquals(uninterrupted.get(1).ratioMean(), second.ratioMean());
            assertEquals(1, second.round());
        }
    }

    @Test
    void roundsUpdateTheWeightsAndReportEveryPhase() {
        LrpoSettings s = settings();
        List<RoundReport> reports = new ArrayList<>();
        GeneratedPairs faces = new GeneratedPairs(s.run().seed(), 32, 16, s.degradation().preset(), new FaceSplit(0.1));
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            ParameterSet before = new NetworkParameters(policy).readAll();
            LrpoTrainer trainer = new LrpoTrainer(policy, Optional.empty(), LrpoParts.of(s), faces,
                    new FidelityTestReward(), engine);
            RoundReport r = trainer.runRound();
            assertFalse(before.bitwiseEquals(new NetworkParameters(policy).readAll()));
            assertEquals(2, r.groups());
            assertEquals(2, r.keptGroups());
            // PER_TIMESTEP: one update per trained step (K - 1 = 5) and micro-batch (1).
            assertEquals(5, r.updates());
            assertEquals(0, r.skippedUpdates());
            assertTrue(r.ratioMin() <= 1 && r.ratioMax() >= 1, "ratios around 1: " + r);
            assertTrue(r.regulariser() > 0 && r.regulariser() < 1, "bounded regulariser: " + r.regulariser());
            assertTrue(r.componentMeans().containsKey("mse"));
            assertTrue(r.rolloutSeconds() > 0 && r.rewardSeconds() >= 0 && r.trainSeconds() > 0);
        }
    }

    @Test
    void accumulateModeTakesOneStepPerMicroBatch() {
        List<RoundReport> reports = new ArrayList<>();
        train(settings("rl.update=accumulate", "rl.micro-batches=2"), 1, reports);
        assertEquals(2, reports.get(0).updates());
    }

    @Test
    void atThetaOldTheRecomputedRatioIsExactlyOne() {
        LrpoSettings s = settings();
        LrpoParts parts = LrpoParts.of(s);
        GeneratedPairs faces = new GeneratedPairs(s.run().seed(), 32, 16, s.degradation().preset(), new FaceSplit(0.1));
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            FaceGroup group = parts.rollout(policy).sample(faces, 0, 0, 1).get(0);
            List<TrainingSample> samples = List.of(new TrainingSample(group, 0, 1.0),
                    new TrainingSample(group, 1, -0.5), new TrainingSample(group, 2, -0.5));
            LrpoObjective objective = parts.objective(policy, Optional.empty(), engine);
            for (int k = 0; k < objective.trainedSteps(); k++) {
                StepStatistics st = objective.accumulate(samples, k, 3, 0);
                assertEquals(1.0, st.ratioMin(), 0.0, "step " + k);
                assertEquals(1.0, st.ratioMax(), 0.0, "step " + k);
                assertEquals(0.0, st.clippedCount(), "step " + k);
            }
        }
    }

    /**
     * As stage 1's objective (RestorationObjectiveTest): the LRPO loss scales by Java numbers under the
     * recording (DDIM's sqrt(abar) factors, 1 / (2 sigma^2), the regulariser's scale, the shard share, the
     * term weights); a garbage collection right before each backward pass must leave every step's
     * gradient bit for bit as a quiet JVM computes it. Covers the clipped surrogate, the regulariser and the
     * KL to a reference policy.
     */
    @Test
    void aGarbageCollectionBeforeTheBackwardPassLeavesTheGradientBitForBit() {
        LrpoSettings s = settings("rl.kl-weight=0.5");
        LrpoParts parts = LrpoParts.of(s);
        GeneratedPairs faces = new GeneratedPairs(s.run().seed(), 32, 16, s.degradation().preset(), new FaceSplit(0.1));
        CollectingBeforeBackward collecting = new CollectingBeforeBackward(engine);
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed());
             ConditionalDenoiser reference = Policies.create(s.model(), Device.cpu(), s.run().seed() + 1)) {
            FaceGroup group = parts.rollout(policy).sample(faces, 0, 0, 1).get(0);
            List<TrainingSample> samples = List.of(new TrainingSample(group, 0, 1.0),
                    new TrainingSample(group, 1, -0.5), new TrainingSample(group, 2, -0.5));
            LrpoObjective quiet = parts.objective(policy, Optional.of(reference), engine);
            LrpoObjective collected = parts.objective(policy, Optional.of(reference), collecting);
            NetworkParameters p = new NetworkParameters(policy);
            for (int k = 0; k < quiet.trainedSteps(); k++) {
                float[] expected = new float[p.trainableLayout().totalSize()];
                p.zeroGradients();
                quiet.accumulate(samples, k, 4, 0);
                p.readGradients(expected);
                float[] g = new float[expected.length];
                p.zeroGradients();
                collected.accumulate(samples, k, 4, 0);
                p.readGradients(g);
                int first = java.util.stream.IntStream.range(0, g.length)
                        .filter(j -> Float.floatToIntBits(g[j]) != Float.floatToIntBits(expected[j]))
                        .findFirst().orElse(-1);
                int step0 = k;
                assertEquals(-1, first, () -> "step " + step0 + ": " + p.trainableLayout().describe(first) + " is "
                        + g[first] + ", a quiet JVM gives " + expected[first]);
            }
            assertEquals(quiet.trainedSteps(), collecting.collections());
        }
    }
}

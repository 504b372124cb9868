package org.lrpo.core.restoration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.diffusion.DdimStep;
import org.lrpo.core.diffusion.DdimTimesteps;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.diffusion.Trajectory;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.lrpo.FidelityTestReward;
import org.lrpo.core.lrpo.LrpoObjective;
import org.lrpo.core.lrpo.RolloutCollector;
import org.lrpo.core.lrpo.RoundReport;
import org.lrpo.core.lrpo.StepStatistics;
import org.lrpo.core.lrpo.TrainingSample;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.RestorationConfig;
import org.lrpo.core.model.RestorationNet;
import org.lrpo.core.optim.ParameterLayout;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.round.LrpoParts;
import org.lrpo.core.round.LrpoTrainer;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Policies;
import org.lrpo.core.train.Pretrainer;
import org.lrpo.core.train.SupervisedObjective;
import org.lrpo.core.train.TrainingPair;

/**
 * The diffusion policy is conditioned on {@code R(lq)} (METHOD 1): {@link ConditionedPairs} sets it, the
 * rollouts, the re-scoring and the pre-training loss read it, and training the policy leaves the frozen R
 * untouched.
 */
class ConditioningTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);
    }

    /** The tiny policy of LrpoTrainerTest. */
    private static final LrpoSettings S = LrpoSettings.read(ConfigLoader.load(Optional.empty(), List.of(
            "model.resolution=16", "model.base-channels=8", "model.channel-multipliers=[1,2]",
            "model.group-norm-groups=4", "model.time-embedding-dim=16", "sampler.denoising-steps=6",
            "rl.faces-per-round=2", "rl.group-size=3", "rl.learning-rate=1e-3", "rl.regulariser.last-denoising-steps=2",
            "pretrain.optimiser-steps=3", "pretrain.batch-size=4", "pretrain.warmup-steps=1", "pretrain.ema-decay=0",
            "seed=5")));

    private static GeneratedPairs faces() {
        return new GeneratedPairs(S.run().seed(), 32, 16, S.degradation().preset(), new FaceSplit(0.1));
    }

    /** A frozen R with seeded random (non-identity) weights; the same seed gives the same R. */
    private static FrozenRestoration randomR(long seed) {
        RestorationNet net = RestorationNet.create(RestorationConfig.rgb(8, 1), Device.cpu(), seed);
        RandomRestoration.randomise(net, seed);
        return new FrozenRestoration(net, 64, "random-" + seed);
    }

    /**
     * A fresh policy's zero convolutions make it ignore its condition exactly, so nothing could tell two
     * conditions apart; seeded values of +-0.05 in them make the condition matter, as training would.
     */
    private static ConditionalDenoiser conditionSensitivePolicy() {
        ConditionalDenoiser policy = Policies.create(S.model(), Device.cpu(), S.run().seed());
        NetworkParameters p = new NetworkParameters(policy);
        ParameterSet w = p.readAll();
        SplittableRandom rng = Seeds.stream(77, "conditioning-test-zero-convs");
        int changed = 0;
        for (ParameterLayout.Entry e : w.layout().entries()) {
            if (e.name().startsWith("control.zero")) {
                for (int i = e.offset(); i < e.offset() + e.size(); i++) {
                    w.flat()[i] = (float) ((2 * rng.nextDouble() - 1) * 0.05);
                }
                changed++;
            }
        }
        assertTrue(changed > 0, "the policy has zero convolutions");
        p.writeAll(w);
        return policy;
    }

    @Test
    void conditionedPairsSetTheConditionToRofLqAndKeepTheRest() {
        GeneratedPairs source = faces();
        try (FrozenRestoration r = randomR(3)) {
            List<TrainingPair> plain = source.batch(4, 1, 3);
            List<TrainingPair> conditioned = new ConditionedPairs(source, r).batch(4, 1, 3);
            List<RgbImage> expected = r.restore(plain.stream().map(TrainingPair::lq).toList());
            assertEquals(3, conditioned.size());
            for (int i = 0; i < 3; i++) {
                TrainingPair p = plain.get(i);
                TrainingPair c = conditioned.get(i);
                assertEquals(p.id(), c.id());
                assertArrayEquals(p.hq().chw(), c.hq().chw(), 0f, "hq kept");
                assertArrayEquals(p.lq().chw(), c.lq().chw(), 0f, "lq kept");
                assertArrayEquals(p.lq().chw(), p.condition().chw(), 0f, "a degraded pair is conditioned on lq");
                assertArrayEquals(expected.get(i).chw(), c.condition().chw(), 0f, "condition = R(lq)");
                assertTrue(RandomRestoration.maxAbsDiff(c.lq(), c.condition()) > 0.05, "R is not the identity here");
            }
            // The identity module conditions on the LQ itself: the pairs of the project before stage 1.
            TrainingPair viaIdentity = ConditionedPairs.condition(plain, RestorationModule.identity()).get(0);
            assertSame(plain.get(0).lq(), viaIdentity.condition());
        }
    }

    @Test
    void rolloutsAndThePretrainingLossReadTheCondition() {
        DdimTimesteps steps = NoiseSchedule.stableDiffusion().ddim(S.sampler().denoisingSteps());
        TrainingPair pair = faces().batch(0, 0, 1).get(0);
        try (ConditionalDenoiser policy = conditionSensitivePolicy();
                FrozenRestoration r = randomR(3);
                FrozenRestoration sameR = randomR(3)) {
            TrainingPair onLq = ConditionedPairs.condition(List.of(pair), RestorationModule.identity()).get(0);
            TrainingPair onR = ConditionedPairs.condition(List.of(pair), r).get(0);
            TrainingPair onSameR = ConditionedPairs.condition(List.of(pair), sameR).get(0);
            RolloutCollector collector = new RolloutCollector(policy, new DdimStep(steps, 1.0, true), S.run().seed());
            List<float[]> a = trajectories(collector.collect(onLq, 0, 3));
            List<float[]> b = trajectories(collector.collect(onR, 0, 3));
            List<float[]> c = trajectories(collector.collect(onSameR, 0, 3));
            List<float[]> again = trajectories(collector.collect(onLq, 0, 3));
            for (int k = 0; k < 3; k++) {
                assertArrayEquals(a.get(k), again.get(k), 0f, "same condition, same seed: same trajectory " + k);
                assertArrayEquals(b.get(k), c.get(k), 0f, "two identical Rs: same trajectory " + k);
                double diff = maxAbsDiff(a.get(k), b.get(k));
                System.out.printf("candidate %d: max |trajectory on R(lq) - trajectory on lq| = %.4f%n", k, diff);
                assertTrue(diff > 1e-3, "conditioning on R(lq) instead of lq must change candidate " + k);
            }

            // The supervised loss of the same pairs, noise and timesteps differs with the condition too.
            List<TrainingPair> batch = faces().batch(1, 0, 4);
            double lossOnLq = SupervisedObjective.lossSumAndGradient(policy, NoiseSchedule.stableDiffusion(), engine,
                    ConditionedPairs.condition(batch, RestorationModule.identity()), 5, 0, 0);
            double lossOnR = SupervisedObjective.lossSumAndGradient(policy, NoiseSchedule.stableDiffusion(), engine,
                    ConditionedPairs.condition(batch, r), 5, 0, 0);
            double lossOnSameR = SupervisedObjective.lossSumAndGradient(policy, NoiseSchedule.stableDiffusion(),
                    engine, ConditionedPairs.condition(batch, sameR), 5, 0, 0);
            System.out.printf("pre-training loss sum on lq %.6f, on R(lq) %.6f%n", lossOnLq, lossOnR);
            assertEquals(lossOnR, lossOnSameR, 0.0);
            // Seen: 4.650868 vs 4.651113. Reading lq instead of the condition would give equal sums, bit for bit;
            // float rounding of a sum of ~5 is ~1e-6.
            assertTrue(Math.abs(lossOnLq - lossOnR) > 2e-5, "the loss must depend on the condition");
        }
    }

    @Test
    void reScoringReadsTheConditionTheRolloutWasSampledWith() {
        TrainingPair pair = faces().batch(0, 0, 1).get(0);
        try (ConditionalDenoiser policy = conditionSensitivePolicy();
                FrozenRestoration r = randomR(3)) {
            TrainingPair onR = ConditionedPairs.condition(List.of(pair), r).get(0);
            TrainingPair onLq = ConditionedPairs.condition(List.of(pair), RestorationModule.identity()).get(0);
            LrpoParts parts = LrpoParts.of(S);
            FaceGroup group = new RolloutCollector(policy, parts.rolloutStep(), S.run().seed()).collect(onR, 0, 3);
            LrpoObjective objective = parts.objective(policy, Optional.empty(), engine);
            // At theta_old the re-scored ratio is exactly 1 only if the log-probabilities are recomputed with
            // the condition the rollout used; the same trajectories re-scored on lq are off.
            FaceGroup sameRolloutOnLq = new FaceGroup(onLq, group.rollout(), group.candidates());
            double offOnLq = 0;
            for (int k = 0; k < objective.trainedSteps(); k++) {
                StepStatistics st = objective.accumulate(samples(group), k, 3, 0);
                assertEquals(1.0, st.ratioMin(), 0.0, "step " + k);
                assertEquals(1.0, st.ratioMax(), 0.0, "step " + k);
                StepStatistics wrong = objective.accumulate(samples(sameRolloutOnLq), k, 3, 0);
                offOnLq = Math.max(offOnLq, Math.max(Math.abs(wrong.ratioMin() - 1), Math.abs(wrong.ratioMax() - 1)));
            }
            System.out.printf("re-scored on lq instead of R(lq): max |ratio - 1| = %.3g%n", offOnLq);
            // Seen: 6.9e-5 with LRPO's unclipped steps (1.1e-3 when x0 is clipped; the zero convolutions are
            // small); re-scoring is deterministic, so the right condition gives exactly 1, float rounding of the
            // mean log-probabilities moves a ratio by ~1e-7, and anything beyond 1e-5 means another condition was read.
            assertTrue(offOnLq > 1e-5, "the ratio must depend on the condition: " + offOnLq);
        }
    }

    private static List<TrainingSample> samples(FaceGroup group) {
        return List.of(new TrainingSample(group, 0, 1.0), new TrainingSample(group, 1, -0.5),
                new TrainingSample(group, 2, -0.5));
    }

    @Test
    void trainingThePolicyLeavesTheFrozenRestorationBitForBit() {
        DdimTimesteps steps = NoiseSchedule.stableDiffusion().ddim(S.sampler().denoisingSteps());
        try (FrozenRestoration r = randomR(3);
                ConditionalDenoiser policy = conditionSensitivePolicy()) {
            NetworkParameters stage1 = new NetworkParameters(r.network());
            ParameterSet before = stage1.readAll();
            assertTrue(r.network().trainableParameters().isEmpty());
            NetworkParameters stage2 = new NetworkParameters(policy);
            ParameterSet policyBefore = stage2.readAll();

            // A few steps of diffusion pre-training on pairs conditioned by R.
            Pretrainer pretrainer = new Pretrainer(policy, NoiseSchedule.stableDiffusion(), engine,
                    new ConditionedPairs(faces(), r), S.pretrain(), S.run().seed());
            for (int i = 0; i < S.pretrain().optimiserSteps(); i++) {
                Pretrainer.StepReport step = pretrainer.step();
                assertFalse(step.skipped(), "step " + i);
                assertTrue(Double.isFinite(step.loss()), "step " + i);
            }
            ParameterSet policyPretrained = stage2.readAll();
            assertFalse(policyBefore.bitwiseEquals(policyPretrained), "pre-training changed the policy");
            assertTrue(before.bitwiseEquals(stage1.readAll()), "pre-training changed the frozen R");
            assertNoGradientFlags(r.network());

            // One LRPO round on faces conditioned by R.
            LrpoTrainer trainer = new LrpoTrainer(policy, Optional.empty(), LrpoParts.of(S),
                    new ConditionedPairs(faces().forStage(GeneratedPairs.RL_STAGE), r), new FidelityTestReward(), engine);
            RoundReport round = trainer.runRound();
            assertTrue(round.updates() > 0, "the round updated the policy: " + round);
            assertFalse(policyPretrained.bitwiseEquals(stage2.readAll()), "the LRPO round changed the policy");
            assertTrue(before.bitwiseEquals(stage1.readAll()), "the LRPO round changed the frozen R");
            assertNoGradientFlags(r.network());
        }
    }

    private static void assertNoGradientFlags(RestorationNet net) {
        assertTrue(net.frozen());
        for (Parameter p : net.parameters().values()) {
            assertFalse(p.getArray().hasGradient(), p.getName() + " records gradients");
        }
    }

    /** Each candidate's latents (all K + 1) and log-probabilities, concatenated. */
    private static List<float[]> trajectories(FaceGroup group) {
        List<float[]> out = new ArrayList<>();
        for (Trajectory t : group.rollout().trajectories()) {
            float[] all = new float[(t.steps() + 1) * t.elements() + t.logProbs().length];
            int at = 0;
            for (int j = 0; j <= t.steps(); j++) {
                FloatBuffer latent = t.latent(j);
                int n = latent.remaining();
                latent.get(all, at, n);
                at += n;
            }
            System.arraycopy(t.logProbs(), 0, all, at, t.logProbs().length);
            out.add(Arrays.copyOf(all, at + t.logProbs().length));
        }
        return out;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}

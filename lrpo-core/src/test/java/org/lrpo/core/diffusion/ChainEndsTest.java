package org.lrpo.core.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.FinalImage;
import org.lrpo.core.config.RolloutStart;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.lrpo.RolloutCollector;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.ModelSpace;
import org.lrpo.core.model.NoGrad;
import org.lrpo.core.model.PolicyConfig;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.train.TrainingPair;

/**
 * Where a chain starts and what it returns: a restoration's {@code x0-hat} ending is the last step's x0
 * prediction, computed here by hand from the step's input latent; a rollout at a strength below 1 runs the tail
 * of the K-step grid from the condition noised to its first step's level, also computed by hand.
 */
class ChainEndsTest {
    private static final int K = 8;
    private static final int R = 16;
    private static final PolicyConfig CONFIG = DdimSamplerTest.CONFIG;
    private static final DdimTimesteps STEPS = NoiseSchedule.stableDiffusion().ddim(K);
    private static ConditionalDenoiser policy;

    @BeforeAll
    static void setUp() {
        policy = DdimSamplerTest.conditionSensitivePolicy();
    }

    @AfterAll
    static void tearDown() {
        policy.close();
    }

    private static float[] condition() {
        float[] c = GaussianNoise.draw(Seeds.stream(4L, "chain-ends-condition"), CONFIG.elementsPerImage());
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(-1f, Math.min(1f, 0.5f * c[i]));
        }
        return c;
    }

    @Test
    void anX0HatEndingIsTheLastStepsX0PredictionOfTheSameChain() {
        List<NoiseKey> keys = List.of(new NoiseKey(9, 1, 77, 0), new NoiseKey(9, 1, 77, 1));
        int d = CONFIG.elementsPerImage();
        DdimSampler sampler = new DdimSampler(policy, new DdimStep(STEPS, 0.8));
        try (NDManager scope = policy.manager().newSubManager()) {
            NDArray lq = scope.create(condition(), new Shape(1, 3, R, R));
            float[] start = ChainStart.pureNoise(keys, d);
            Rollout rollout = sampler.sampleFrom(lq, keys, start);
            float[] xPrev = sampler.finalLatents(lq, keys, start, 0, false);
            float[] x0Hat = sampler.finalLatents(lq, keys, start, 0, true);
            double abar = STEPS.alphaBar(K - 1);
            for (int i = 0; i < keys.size(); i++) {
                Trajectory t = rollout.trajectory(i);
                float[] last = new float[d];
                t.latent(K - 1).get(last);
                float[] end = new float[d];
                t.latent(K).get(end);
                float[] eps;
                try (NoGrad ignored = NoGrad.open()) {
                    eps = policy.predictNoise(scope.create(last, new Shape(1, 3, R, R)), new int[] {STEPS.timestep(K - 1)},
                            lq).toFloatArray();
                }
                double worst = 0;
                double moved = 0;
                for (int j = 0; j < d; j++) {
                    double expected = (last[j] - Math.sqrt(1 - abar) * eps[j]) / Math.sqrt(abar);
                    worst = Math.max(worst, Math.abs(x0Hat[i * d + j] - expected));
                    moved = Math.max(moved, Math.abs(x0Hat[i * d + j] - xPrev[i * d + j]));
                    assertEquals(end[j], xPrev[i * d + j], 0f, "x-prev ends where the rollout's trajectory ends");
                }
                assertTrue(worst < 1e-5, "x0-hat = (x_t - sqrt(1 - abar) eps) / sqrt(abar) of the last step, off by " + worst);
                assertTrue(moved > 1e-3, "x0-hat removes the last step's noise, so it differs from x-prev");
            }
        }
    }

    @Test
    void aRolloutAtStrengthRunsTheGridsTailFromTheNoisedCondition() {
        int first = STEPS.firstStepAt(0.25);
        assertEquals(6, first, "round((1 - 0.25) * 8) steps are skipped");
        DdimTimesteps tail = STEPS.from(first);
        assertEquals(2, tail.count());
        for (int k = 0; k < tail.count(); k++) {
            assertEquals(STEPS.timestep(first + k), tail.timestep(k));
            assertEquals(STEPS.alphaBar(first + k), tail.alphaBar(k), 0.0);
            assertEquals(STEPS.alphaBarPrev(first + k), tail.alphaBarPrev(k), 0.0);
            assertEquals(STEPS.sigma(first + k, 1.0), tail.sigma(k, 1.0), 0.0);
        }
        float[] c = condition();
        RgbImage conditionImage = ModelSpace.image(c, 0, R, R);
        float[] cBack = ModelSpace.values(conditionImage);
        TrainingPair pair = TrainingPair.degraded("face-7", conditionImage, conditionImage).withCondition(conditionImage);
        RolloutCollector collector = new RolloutCollector(policy, new DdimStep(tail, 1.0), 5L, true, FinalImage.X_PREV, RolloutStart.PER_CANDIDATE);
        FaceGroup group = collector.collect(pair, 3, 2);
        Rollout rollout = group.rollout();
        FaceGroup rewardedOnX0Hat = new RolloutCollector(policy, new DdimStep(tail, 1.0), 5L, true, FinalImage.X0_HAT, RolloutStart.PER_CANDIDATE)
                .collect(pair, 3, 2);
        assertEquals(2, rollout.steps());
        assertEquals(STEPS.timestep(6), rollout.timestep(0));
        assertEquals(STEPS.timestep(7), rollout.timestep(1));
        int d = CONFIG.elementsPerImage();
        double abar = STEPS.alphaBar(first);
        for (int i = 0; i < 2; i++) {
            NoiseKey key = new NoiseKey(5L, 3, Seeds.idCoordinate("face-7"), i);
            float[] n = GaussianNoise.draw(key.initialStream(), d);
            float[] start = new float[d];
            rollout.trajectory(i).latent(0).get(start);
            for (int j = 0; j < d; j++) {
                assertEquals(Math.sqrt(abar) * cBack[j] + Math.sqrt(1 - abar) * n[j], start[j], 1e-6,
                        "x at the first step = sqrt(abar) R(lq) + sqrt(1 - abar) n");
            }
            assertEquals(2, rollout.trajectory(i).logProbs().length, "one log-probability per step of the tail");
            assertArrayEquals(rollout.trajectory(i).finalImage(R, R).chw(), group.candidates().get(i).chw(), 0f,
                    "x-prev: a candidate is rewarded for its last latent");
            assertArrayEquals(DdimSamplerTest.latents(rollout.trajectory(i)), DdimSamplerTest.latents(rewardedOnX0Hat.rollout().trajectory(i)), 0f,
                    "the ending does not change the trajectory");
            float[] last = new float[d];
            rollout.trajectory(i).latent(1).get(last);
            float[] eps;
            try (NDManager m = policy.manager().newSubManager(); NoGrad ignored = NoGrad.open()) {
                eps = policy.predictNoise(m.create(last, new Shape(1, 3, R, R)), new int[] {tail.timestep(1)},
                        m.create(cBack, new Shape(1, 3, R, R))).toFloatArray();
            }
            float[] x0 = new float[d];
            for (int j = 0; j < d; j++) {
                x0[j] = (float) ((last[j] - Math.sqrt(1 - tail.alphaBar(1)) * eps[j]) / Math.sqrt(tail.alphaBar(1)));
            }
            assertArrayEquals(ModelSpace.image(x0, 0, R, R).chw(), rewardedOnX0Hat.candidates().get(i).chw(), 2e-5f,
                    "x0-hat: a candidate is rewarded for the last step's x0 prediction");
        }
    }

    @Test
    void aGroupSharingItsStartDiffersOnlyByTheNoiseOfItsSteps() {
        DdimTimesteps tail = STEPS.from(STEPS.firstStepAt(0.25));
        RgbImage conditionImage = ModelSpace.image(condition(), 0, R, R);
        TrainingPair pair = TrainingPair.degraded("face-9", conditionImage, conditionImage).withCondition(conditionImage);
        Rollout own = new RolloutCollector(policy, new DdimStep(tail, 1.0), 5L, true, FinalImage.X0_HAT,
                RolloutStart.PER_CANDIDATE).collect(pair, 2, 3).rollout();
        Rollout shared = new RolloutCollector(policy, new DdimStep(tail, 1.0), 5L, true, FinalImage.X0_HAT,
                RolloutStart.PER_GROUP).collect(pair, 2, 3).rollout();
        int d = CONFIG.elementsPerImage();
        assertArrayEquals(DdimSamplerTest.latents(own.trajectory(0)), DdimSamplerTest.latents(shared.trajectory(0)), 0f,
                "candidate 0's start and steps are its own either way");
        float[] start0 = new float[d];
        shared.trajectory(0).latent(0).get(start0);
        for (int i = 1; i < 3; i++) {
            float[] start = new float[d];
            shared.trajectory(i).latent(0).get(start);
            assertArrayEquals(start0, start, 0f, "candidate " + i + " starts where candidate 0 does");
            float[] ownStart = new float[d];
            own.trajectory(i).latent(0).get(ownStart);
            assertTrue(maxAbsDifference(start0, ownStart) > 0.1, "per-candidate starts differ");
            float[] next0 = new float[d];
            float[] next = new float[d];
            shared.trajectory(0).latent(1).get(next0);
            shared.trajectory(i).latent(1).get(next);
            assertTrue(maxAbsDifference(next0, next) > 0.01, "each candidate's step draws its own noise");
        }
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        double max = 0;
        for (int j = 0; j < a.length; j++) {
            max = Math.max(max, Math.abs(a[j] - b[j]));
        }
        return max;
    }
}

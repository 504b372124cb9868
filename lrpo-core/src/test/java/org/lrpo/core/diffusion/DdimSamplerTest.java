package org.lrpo.core.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.NoGrad;
import org.lrpo.core.model.PolicyConfig;
import org.lrpo.core.random.Seeds;

class DdimSamplerTest {
    private static final int K = 8;
    static final PolicyConfig CONFIG = PolicyConfig.builder().resolution(16).baseChannels(8)
            .channelMultipliers(1, 2).groupNormGroups(4).timeEmbeddingDim(16).build();
    private static final DdimTimesteps STEPS = NoiseSchedule.stableDiffusion().ddim(K);
    private static ConditionalDenoiser policy;
    private static NDManager scope;
    private static NDArray lq;

    /** A small policy whose control branch is live, so the condition matters in its rollouts. */
    static ConditionalDenoiser conditionSensitivePolicy() {
        ConditionalDenoiser created = ConditionalDenoiser.create(CONFIG, Device.cpu(), 3L);
        created.parameters().forEach((name, p) -> {
            if (name.startsWith("control.zero") && name.endsWith("weight")) {
                p.getArray().addi(0.02f);
            }
        });
        return created;
    }

    @BeforeAll
    static void setUp() {
        policy = conditionSensitivePolicy();
        scope = policy.manager().newSubManager();
        float[] image = GaussianNoise.draw(Seeds.stream(4L, "test-lq"), CONFIG.elementsPerImage());
        lq = scope.create(image, new Shape(1, 3, 16, 16));
    }

    @AfterAll
    static void tearDown() {
        scope.close();
        policy.close();
    }

    private static List<NoiseKey> group(long runSeed, int... candidates) {
        return Arrays.stream(candidates).mapToObj(c -> new NoiseKey(runSeed, 1, 77, c)).toList();
    }

    static float[] latents(Trajectory t) {
        float[] out = new float[(t.steps() + 1) * t.elements()];
        for (int j = 0; j <= t.steps(); j++) {
            t.latent(j).get(out, j * t.elements(), t.elements());
        }
        return out;
    }

    @Test
    void sameSeedCoordinatesGiveBitIdenticalRollouts() {
        DdimSampler sampler = new DdimSampler(policy, STEPS, 1.0);
        Rollout a = sampler.sample(lq, group(9, 0, 1, 2));
        Rollout b = sampler.sample(lq, group(9, 0, 1, 2));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(latents(a.trajectory(i)), latents(b.trajectory(i)), 0f);
            assertArrayEquals(a.trajectory(i).logProbs(), b.trajectory(i).logProbs(), 0f);
        }
        // A candidate's trajectory does not depend on its batch neighbours.
        Rollout alone = sampler.sample(lq, group(9, 1));
        assertArrayEquals(a.trajectory(1).logProbs(), alone.trajectory(0).logProbs(), 1e-5f);
    }

    @Test
    void differentCandidateIndexGivesADifferentRollout() {
        DdimSampler sampler = new DdimSampler(policy, STEPS, 1.0);
        Rollout r = sampler.sample(lq, group(9, 0, 1));
        assertFalse(Arrays.equals(latents(r.trajectory(0)), latents(r.trajectory(1))));
        assertFalse(r.trajectory(0).latent(K).equals(r.trajectory(1).latent(K)));
        Rollout otherRun = sampler.sample(lq, group(10, 0));
        assertFalse(Arrays.equals(latents(r.trajectory(0)), latents(otherRun.trajectory(0))));
    }

    @Test
    void etaZeroUsesNoNoise() {
        int d = CONFIG.elementsPerImage();
        float[] start = new float[2 * d];
        float[] x = GaussianNoise.draw(Seeds.stream(5L, "shared-start"), d);
        System.arraycopy(x, 0, start, 0, d);
        System.arraycopy(x, 0, start, d, d);
        // Two candidates with different step-noise streams, same x_T.
        Rollout deterministic = new DdimSampler(policy, STEPS, 0.0).sampleFrom(lq, group(9, 0, 1), start);
        assertArrayEquals(latents(deterministic.trajectory(0)), latents(deterministic.trajectory(1)), 0f);
        assertFalse(deterministic.trajectory(0).hasLogProbs());
        assertThrows(IllegalStateException.class, () -> deterministic.trajectory(0).logProb(0));
        // The same pair with eta = 1 diverges: the comparison above can fail.
        Rollout stochastic = new DdimSampler(policy, STEPS, 1.0).sampleFrom(lq, group(9, 0, 1), start);
        assertFalse(Arrays.equals(latents(stochastic.trajectory(0)), latents(stochastic.trajectory(1))));
    }

    @Test
    void rescoringStoredStepsWithTheSameWeightsGivesExactlyTheStoredLogProb() {
        DdimSampler sampler = new DdimSampler(policy, STEPS, 1.0);
        Rollout r = sampler.sample(lq, group(9, 0, 1, 2));
        for (int k : new int[] {0, 3, K - 1}) {
            int[] t = new int[3];
            Arrays.fill(t, r.timestep(k));
            try (NDManager s = policy.manager().newSubManager()) {
                float[] noGrad;
                try (NoGrad ignored = NoGrad.open()) {
                    NDArray eps = policy.predictNoise(r.xt(s, k), t, lq);
                    noGrad = sampler.step().rescore(r.xt(s, k), eps, k, r.xPrev(s, k)).logProb().toFloatArray();
                }
                assertArrayEquals(r.logProbs(k), noGrad, 0f, "step " + k + " without gradient recording");
                // As in training: recorded for backward.
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray eps = policy.predictNoise(r.xt(s, k), t, lq);
                    StepResult sr = sampler.step().rescore(r.xt(s, k), eps, k, r.xPrev(s, k));
                    NDArray logProb = sr.logProb();
                    assertArrayEquals(r.logProbs(k), logProb.toFloatArray(), 0f, "step " + k + " with gradient");
                    gc.backward(logProb.sum());
                }
                policy.zeroGradients();
            }
        }
    }

    @Test
    void rolloutStoresEachLatentOnceAndChainsSteps() {
        Rollout r = new DdimSampler(policy, STEPS, 1.0).sample(lq, group(9, 0, 1));
        Trajectory t = r.trajectory(0);
        int d = CONFIG.elementsPerImage();
        assertEquals(4L * (K + 1) * d + 4L * K, t.payloadBytes());
        // x_T is the initial stream; the final image maps x_K from [-1, 1] to [0, 1].
        float[] start = GaussianNoise.draw(t.key().initialStream(), d);
        float[] x0 = new float[d];
        t.latent(0).get(x0);
        assertArrayEquals(start, x0, 0f);
        try (NDManager s = policy.manager().newSubManager()) {
            assertArrayEquals(r.xPrev(s, 2, 1).toFloatArray(), r.xt(s, 3, 1).toFloatArray(), 0f);
            assertEquals(new Shape(2, 3, 16, 16), r.xt(s, 0).getShape());
        }
        float[] last = new float[d];
        t.latent(K).get(last);
        float[] image = t.finalImage(16, 16).chw();
        for (int i = 0; i < d; i++) {
            assertEquals(Math.min(1f, Math.max(0f, (last[i] + 1f) * 0.5f)), image[i], 0f);
        }
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> t.latent(0).put(0, 1f));
        assertEquals(K, r.steps());
        assertEquals(STEPS.timestep(K - 1), r.timestep(K - 1));
    }

    @Test
    void sharedLqEqualsRepeatedLq() {
        DdimSampler sampler = new DdimSampler(policy, STEPS, 1.0);
        Rollout shared = sampler.sample(lq, group(9, 0, 1));
        try (NDManager s = policy.manager().newSubManager()) {
            NDArray repeated = s.create(FloatBuffer.wrap(concat(lq.toFloatArray(), lq.toFloatArray())),
                    new Shape(2, 3, 16, 16));
            Rollout perRow = sampler.sample(repeated, group(9, 0, 1));
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(latents(shared.trajectory(i)), latents(perRow.trajectory(i)), 0f);
            }
            NDArray three = s.zeros(new Shape(3, 3, 16, 16));
            assertThrows(IllegalArgumentException.class, () -> sampler.sample(three, group(9, 0, 1)));
        }
        assertTrue(shared.trajectory(0).hasLogProbs());
    }

    @Test
    void aRolloutRebuiltFromItsArraysEqualsTheSampledOneAndMismatchedArraysAreRejected() {
        Rollout sampled = new DdimSampler(policy, STEPS, 1.0).sample(lq, group(9, 0, 1));
        int[] timesteps = new int[K];
        for (int k = 0; k < K; k++) {
            timesteps[k] = sampled.timestep(k);
        }
        List<Trajectory> copies = sampled.trajectories().stream()
                .map(t -> Trajectory.wrap(t.key(), t.elements(), latents(t), t.logProbs())).toList();
        Rollout rebuilt = new Rollout(timesteps, sampled.eta(), sampled.latentShape(), copies);
        for (int i = 0; i < 2; i++) {
            assertEquals(sampled.trajectory(i).key(), rebuilt.trajectory(i).key());
            assertArrayEquals(latents(sampled.trajectory(i)), latents(rebuilt.trajectory(i)), 0f);
            assertArrayEquals(sampled.trajectory(i).logProbs(), rebuilt.trajectory(i).logProbs(), 0f);
        }
        assertArrayEquals(sampled.logProbs(K - 1), rebuilt.logProbs(K - 1), 0f);

        Trajectory t = sampled.trajectory(0);
        int d = t.elements();
        assertThrows(IllegalArgumentException.class, () -> Trajectory.wrap(t.key(), d, new float[d * K + 1], new float[0]));
        assertThrows(IllegalArgumentException.class, () -> Trajectory.wrap(t.key(), d, latents(t), new float[K - 1]));
        Trajectory shorter = Trajectory.wrap(t.key(), d, new float[d * K], new float[K - 1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Rollout(timesteps, 1.0, sampled.latentShape(), List.of(shorter)));
        assertTrue(e.getMessage().contains((K - 1) + " steps"), e.getMessage());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package org.lrpo.core.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.testing.PythonReference;

class DdimStepTest {
    private static final int B = 3;
    private static final Shape SHAPE = new Shape(B, 3, 8, 8);
    private static final int D = 192;
    private final DdimTimesteps steps = NoiseSchedule.stableDiffusion().ddim(50);
    private final List<NoiseKey> keys = List.of(new NoiseKey(1, 2, 3, 0), new NoiseKey(1, 2, 3, 1),
            new NoiseKey(1, 2, 4, 0));

    private static float[] normal(String domain) {
        return GaussianNoise.draw(Seeds.stream(99L, domain), B * D);
    }

    /** METHOD.md section 2, evaluated in double precision from the same float32 numbers. */
    private static double[] logProbInDouble(float[] xPrev, float[] mu, double sigma) {
        double[] out = new double[B];
        for (int b = 0; b < B; b++) {
            double sum = 0;
            for (int i = b * D; i < (b + 1) * D; i++) {
                double diff = (double) xPrev[i] - (double) mu[i];
                sum += -diff * diff / (2 * sigma * sigma) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
            }
            out[b] = sum / D;
        }
        return out;
    }

    @Test
    void stepFollowsTheFormulasAndLogProbMatchesDoubleAndTorch() throws Exception {
        float[] xt = normal("xt");
        float[] eps = normal("eps");
        for (int k : new int[] {0, 25, 49}) {
            DdimStep step = new DdimStep(steps, 1.0);
            try (NDManager m = NDManager.newBaseManager()) {
                StepResult r = step.sample(m.create(xt, SHAPE), m.create(eps, SHAPE), k, keys);
                float[] x0 = r.x0Hat().toFloatArray();
                float[] mu = r.mu().toFloatArray();
                float[] xPrev = r.xPrev().toFloatArray();
                double a = steps.alphaBar(k);
                double ap = steps.alphaBarPrev(k);
                double sigma = steps.sigma(k, 1.0);
                assertEquals(sigma, r.sigma());
                float[] z = new float[B * D];
                for (int b = 0; b < B; b++) {
                    GaussianNoise.fill(keys.get(b).stepStream(k), z, b * D, D);
                }
                for (int i = 0; i < B * D; i++) {
                    double x0Ref = (xt[i] - Math.sqrt(1 - a) * eps[i]) / Math.sqrt(a);
                    double muRef = Math.sqrt(ap) * x0Ref + Math.sqrt(1 - ap - sigma * sigma) * eps[i];
                    assertEquals(x0Ref, x0[i], 1e-5 * Math.max(1, Math.abs(x0Ref)), "x0_hat " + i);
                    assertEquals(muRef, mu[i], 1e-5 * Math.max(1, Math.abs(muRef)), "mu " + i);
                    assertEquals(muRef + sigma * z[i], xPrev[i], 1e-5 * Math.max(1, Math.abs(muRef)), "x_prev " + i);
                }
                float[] ours = r.logProb().toFloatArray();
                double[] reference = logProbInDouble(xPrev, mu, sigma);

                Path dir = Files.createTempDirectory("lp");
                PythonReference.writeFloats(dir.resolve("xprev.f32"), xPrev);
                PythonReference.writeFloats(dir.resolve("mu.f32"), mu);
                PythonReference.run("logprob_reference.py", dir.resolve("xprev.f32").toString(),
                        dir.resolve("mu.f32").toString(), Integer.toString(B), Double.toString(sigma),
                        dir.resolve("lp.f64").toString());
                double[] torch = PythonReference.readDoubles(dir.resolve("lp.f64"));
                for (int b = 0; b < B; b++) {
                    assertEquals(reference[b], ours[b], 1e-5, "Java double vs ours, step " + k + " sample " + b);
                    assertEquals(torch[b], ours[b], 1e-5, "torch Normal vs ours, step " + k + " sample " + b);
                }
            }
        }
    }

    @Test
    void theClippedStepClampsX0BeforeMuAndScoresTheSameWay() {
        // eps scaled down so that x0_hat = (x_t - sqrt(1 - abar) eps) / sqrt(abar) leaves [-1, 1] at high noise.
        float[] xt = normal("xt");
        float[] eps = normal("eps");
        for (int i = 0; i < eps.length; i++) {
            eps[i] *= 0.3f;
        }
        int k = 2;
        DdimStep step = new DdimStep(steps, 1.0, true);
        double a = steps.alphaBar(k);
        double ap = steps.alphaBarPrev(k);
        double sigma = steps.sigma(k, 1.0);
        try (NDManager m = NDManager.newBaseManager()) {
            StepResult r = step.sample(m.create(xt, SHAPE), m.create(eps, SHAPE), k, keys);
            float[] mu = r.mu().toFloatArray();
            float[] xPrev = r.xPrev().toFloatArray();
            int clamped = 0;
            for (int i = 0; i < B * D; i++) {
                double x0 = (xt[i] - Math.sqrt(1 - a) * eps[i]) / Math.sqrt(a);
                clamped += Math.abs(x0) > 1 ? 1 : 0;
                double muRef = Math.sqrt(ap) * Math.max(-1, Math.min(1, x0)) + Math.sqrt(1 - ap - sigma * sigma) * eps[i];
                assertEquals(muRef, mu[i], 1e-5 * Math.max(1, Math.abs(muRef)), "mu " + i);
            }
            assertTrue(clamped > B * D / 4, "the case exercises the clamp: " + clamped + " of " + B * D);
            double[] reference = logProbInDouble(xPrev, mu, sigma);
            float[] ours = r.logProb().toFloatArray();
            StepResult rescored = step.rescore(m.create(xt, SHAPE), m.create(eps, SHAPE), k, m.create(xPrev, SHAPE));
            for (int b = 0; b < B; b++) {
                assertEquals(reference[b], ours[b], 1e-5, "sample " + b);
            }
            assertArrayEquals(ours, rescored.logProb().toFloatArray(), 0f);
        }
    }

    @Test
    void rescoringTheSampledStepGivesExactlyTheSameNumbers() {
        DdimStep step = new DdimStep(steps, 1.0);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xt = m.create(normal("xt"), SHAPE);
            NDArray eps = m.create(normal("eps"), SHAPE);
            StepResult sampled = step.sample(xt, eps, 7, keys);
            StepResult rescored = step.rescore(xt, eps, 7, m.create(sampled.xPrev().toFloatArray(), SHAPE));
            assertArrayEquals(sampled.logProb().toFloatArray(), rescored.logProb().toFloatArray(), 0f);
            assertArrayEquals(sampled.mu().toFloatArray(), rescored.mu().toFloatArray(), 0f);
        }
    }

    @Test
    void etaZeroIsDeterministicAndHasNoDensity() {
        DdimStep step = new DdimStep(steps, 0.0);
        try (NDManager m = NDManager.newBaseManager()) {
            StepResult r = step.step(m.create(normal("xt"), SHAPE), m.create(normal("eps"), SHAPE), 3, null, null);
            assertEquals(0.0, r.sigma());
            assertArrayEquals(r.mu().toFloatArray(), r.xPrev().toFloatArray(), 0f);
            assertNull(r.logProb());
            assertThrows(IllegalStateException.class, r::logProbOrThrow);
        }
    }

    @Test
    void rejectsConflictingOrMissingArguments() {
        DdimStep step = new DdimStep(steps, 1.0);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xt = m.create(normal("xt"), SHAPE);
            NDArray eps = m.create(normal("eps"), SHAPE);
            assertEquals("give noise keys (to sample x_prev) or a stored x_prev (to re-score it), not both",
                    assertThrows(IllegalArgumentException.class, () -> step.step(xt, eps, 0, keys, xt)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> step.step(xt, eps, 0, null, null));
            assertEquals("need one noise key per sample: 1 keys for batch 3",
                    assertThrows(IllegalArgumentException.class, () -> step.sample(xt, eps, 0, keys.subList(0, 1)))
                            .getMessage());
            assertEquals("step index k = 50 outside [0, 50)",
                    assertThrows(IllegalArgumentException.class, () -> step.sample(xt, eps, 50, keys)).getMessage());
            NDArray wrong = m.zeros(new Shape(B, 3, 4, 4));
            assertThrows(IllegalArgumentException.class, () -> step.rescore(xt, eps, 0, wrong));
            assertThrows(IllegalArgumentException.class, () -> step.sample(xt, wrong, 0, keys));
        }
    }

    @Test
    void gaussianNoiseIsStandardNormalAndReproducible() {
        float[] a = GaussianNoise.draw(new SplittableRandom(5), 200_001);
        float[] b = GaussianNoise.draw(new SplittableRandom(5), 200_001);
        assertArrayEquals(a, b, 0f);
        double mean = 0;
        double sq = 0;
        for (float v : a) {
            mean += v;
            sq += v * v;
        }
        mean /= a.length;
        double var = sq / a.length - mean * mean;
        // 200k draws: standard error of the mean ~0.0022, of the variance ~0.0032.
        assertEquals(0.0, mean, 0.01);
        assertEquals(1.0, var, 0.015);
    }
}

package org.lrpo.core.lrpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.engine.GradientRecording;
import org.lrpo.core.engine.TensorEngine;

class ClippedSurrogateTest {
    private static Engine engine;
    private static NDManager manager;

    @BeforeAll
    static void start() {
        engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);
        manager = engine.newBaseManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    /** Gradient of L_pg with respect to log pi_theta, for the given numbers. */
    private static float[] gradient(float[] logNew, float[] logOld, float[] adv, double eps) {
        try (NDManager m = manager.newSubManager()) {
            NDArray lpNew = m.create(logNew);
            lpNew.setRequiresGradient(true);
            try (GradientRecording rec = GradientRecording.open(engine)) {
                ClippedSurrogate.Result r = ClippedSurrogate.compute(lpNew, m.create(logOld), m.create(adv), eps);
                rec.backward(r.loss());
            }
            return lpNew.getGradient().toFloatArray();
        }
    }

    @Test
    void atThetaOldTheRatioIsExactlyOneAndTheGradientIsThePlainPolicyGradient() {
        float[] logp = {-1.25f, 0.5f, 2.0f, -0.125f};
        float[] adv = {1.5f, -0.5f, 0.25f, -2.0f};
        try (NDManager m = manager.newSubManager()) {
            ClippedSurrogate.Result r = ClippedSurrogate.compute(m.create(logp), m.create(logp), m.create(adv), 1e-4);
            assertEquals(1.0, r.ratioMin());
            assertEquals(1.0, r.ratioMax());
            assertEquals(0.0, r.clipFraction());
            assertEquals(0.0, r.approxKl());
            // L = mean(-A * 1) at rho = 1.
            assertEquals(-(1.5 - 0.5 + 0.25 - 2.0) / 4, r.loss().getFloat(), 1e-7);
        }
        // Plain policy gradient of -mean_i A_i * log pi_i: d/d log pi_i = -A_i / B.
        float[] g = gradient(logp, logp, adv, 1e-4);
        assertArrayEquals(new float[] {-1.5f / 4, 0.5f / 4, -0.25f / 4, 2.0f / 4}, g, 1e-7f);
    }

    @Test
    void outsideTheClipRangeTheClippedSideHasNoGradient() {
        double eps = 1e-4;
        float d = 0.01f; // log-ratio far outside +-eps
        // A > 0 and rho > 1 + eps: clipped (constant) side wins -> zero gradient.
        // A < 0 and rho < 1 - eps: clipped side wins -> zero gradient.
        // A > 0 and rho < 1 - eps: unclipped side wins -> gradient -A * rho / B.
        // A < 0 and rho > 1 + eps: unclipped side wins -> gradient -A * rho / B.
        float[] logOld = {0f, 0f, 0f, 0f};
        float[] logNew = {d, -d, -d, d};
        float[] adv = {1f, -1f, 1f, -1f};
        float[] g = gradient(logNew, logOld, adv, eps);
        float rhoDown = (float) Math.exp(-d);
        float rhoUp = (float) Math.exp(d);
        assertArrayEquals(new float[] {0f, 0f, -rhoDown / 4, rhoUp / 4}, g, 1e-7f);
        try (NDManager m = manager.newSubManager()) {
            ClippedSurrogate.Result r = ClippedSurrogate.compute(m.create(logNew), m.create(logOld), m.create(adv), eps);
            assertEquals(1.0, r.clipFraction());
            assertEquals(0.5 * d * d, r.approxKl(), 1e-9);
        }
    }
}

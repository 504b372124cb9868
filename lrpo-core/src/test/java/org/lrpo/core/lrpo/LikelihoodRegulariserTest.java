package org.lrpo.core.lrpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lrpo.core.engine.TensorEngine;

class LikelihoodRegulariserTest {

    /** logN_mean in double precision, straight from METHOD 2. */
    private static double logNMean(double[] x, double[] mu, double sigma) {
        double s = 0;
        for (int d = 0; d < x.length; d++) {
            s += -(x[d] - mu[d]) * (x[d] - mu[d]) / (2 * sigma * sigma) - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
        }
        return s / x.length;
    }

    @Test
    void equalsItsFormulaOnAHandMadeCase() {
        double sigma = 0.5;
        double[][] g = {{0.1, -0.2, 0.3, 0.0}, {1.0, 0.5, -0.5, 0.25}};
        double[][] mu = {{0.0, 0.0, 0.0, 0.0}, {0.5, 0.5, 0.5, 0.5}};
        double expected = 0;
        double[] expectedLogN = new double[2];
        for (int i = 0; i < 2; i++) {
            expectedLogN[i] = logNMean(g[i], mu[i], sigma);
            expected += 1 - Math.exp(expectedLogN[i] / 40.0);
        }
        expected /= 2;
        TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);
        try (NDManager m = NDManager.newBaseManager()) {
            var gArr = m.create(new float[] {0.1f, -0.2f, 0.3f, 0.0f, 1.0f, 0.5f, -0.5f, 0.25f}, new Shape(2, 1, 2, 2));
            var muArr = m.create(new float[] {0, 0, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f}, new Shape(2, 1, 2, 2));
            float[] logN = GaussianLogDensity.meanOverElements(gArr, muArr, sigma).toFloatArray();
            assertArrayEquals(new float[] {(float) expectedLogN[0], (float) expectedLogN[1]}, logN, 1e-6f);
            assertEquals(expected, LikelihoodRegulariser.compute(muArr, sigma, gArr, 40.0).getFloat(), 1e-7);
        }
    }

    @Test
    void appliesOnlyToTheLastFiveTrainedSteps() {
        int k = 50;
        int trained = k - 1; // every step but the last
        for (int step = 0; step < k; step++) {
            boolean expected = step >= 44 && step <= 48;
            assertEquals(expected, LikelihoodRegulariser.appliesTo(step, trained, 5), "step " + step);
        }
        assertFalse(LikelihoodRegulariser.appliesTo(49, trained, 5), "the untrained last step");
        assertTrue(LikelihoodRegulariser.appliesTo(0, 3, 5), "fewer trained steps than 5: all of them");
    }
}

package org.lrpo.core.config;

import org.lrpo.core.diffusion.DdimTimesteps;
import org.lrpo.core.diffusion.GaussianNoise;
import org.lrpo.core.random.Seeds;

/**
 * The noised ground truth g_k the likelihood regulariser pulls step k's transition towards
 * (METHOD section 6), in model space.
 */
public enum RegulariserTarget {
    /**
     * <b>[here]</b> The marginal at the level of t_prev:
     * {@code g_k = sqrt(abar_prev) * gt + sqrt(1 - abar_prev) * n},  n ~ N(0, I).
     */
    MARGINAL,
    /**
     * The authors' code: the ground truth is noised step by step along the DDIM timesteps in ascending
     * order, {@code C_i = sqrt(abar_{tau_i}) C_{i-1} + sqrt(1 - abar_{tau_i}) n_i} with {@code C_{-1} = gt}
     * and tau ascending, and step k (descending order) takes {@code C_{K-2-k}}, the compounded level of its
     * t_prev. Its variance is not the schedule's marginal one; kept to compare with the paper's runs.
     */
    COMPOUNDED;

    static final String DOMAIN = "regulariser-target";

    /**
     * g_k for one sample.
     *
     * @param gt the ground truth in model space (D floats)
     * @param k the step in sampling order, k &lt; K - 1 (the last step is not trained)
     * @param noiseCoordinates (round, face, candidate) naming the draws; the step is appended
     */
    public float[] target(float[] gt, DdimTimesteps steps, int k, long runSeed, long... noiseCoordinates) {
        int kCount = steps.count();
        if (k < 0 || k >= kCount - 1) {
            throw new IllegalArgumentException("regulariser target for step " + k + ": only steps 0.." + (kCount - 2)
                    + " are trained");
        }
        int d = gt.length;
        float[] n = new float[d];
        if (this == MARGINAL) {
            GaussianNoise.fill(Seeds.stream(runSeed, DOMAIN, append(noiseCoordinates, k)), n, 0, d);
            double a = Math.sqrt(steps.alphaBarPrev(k));
            double b = Math.sqrt(1.0 - steps.alphaBarPrev(k));
            float[] g = new float[d];
            for (int j = 0; j < d; j++) {
                g[j] = (float) (a * gt[j] + b * n[j]);
            }
            return g;
        }
        // Ascending index i of step k's t_prev; C_i needs i + 1 compounding steps.
        int last = kCount - 2 - k;
        double[] c = new double[d];
        for (int j = 0; j < d; j++) {
            c[j] = gt[j];
        }
        for (int i = 0; i <= last; i++) {
            int descending = kCount - 1 - i;
            double abar = steps.alphaBar(descending);
            double a = Math.sqrt(abar);
            double b = Math.sqrt(1.0 - abar);
            GaussianNoise.fill(Seeds.stream(runSeed, DOMAIN + "-compounded", append(noiseCoordinates, i)), n, 0, d);
            for (int j = 0; j < d; j++) {
                c[j] = a * c[j] + b * n[j];
            }
        }
        float[] g = new float[d];
        for (int j = 0; j < d; j++) {
            g[j] = (float) c[j];
        }
        return g;
    }

    private static long[] append(long[] coordinates, long last) {
        long[] out = java.util.Arrays.copyOf(coordinates, coordinates.length + 1);
        out[coordinates.length] = last;
        return out;
    }
}

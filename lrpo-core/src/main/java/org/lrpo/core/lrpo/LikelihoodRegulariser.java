package org.lrpo.core.lrpo;

import ai.djl.ndarray.NDArray;
import org.lrpo.core.engine.ScopedScalars;

/**
 * The ground-truth likelihood regulariser, METHOD section 6:
 *
 * <pre>
 *   L_reg = mean_i [ 1 - exp( logN_mean(g_k ; mu_theta(x_t^i), sigma_t^2 I) / scale ) ]     (scale = 40)
 * </pre>
 *
 * A bounded, saturating negative log-likelihood of the noised ground truth g_k under the policy's own
 * transition; applied only to the last few trained steps (see {@link #appliesTo}).
 */
public final class LikelihoodRegulariser {
    private LikelihoodRegulariser() {}

    /**
     * @param mu mu_theta(x_t), shape [B, ...], recorded for gradients
     * @param sigma sigma_t of the step (> 0)
     * @param target g_k, same shape, no gradient
     * @param scale the divisor inside the exponential (40 in the paper)
     * @return the scalar L_reg
     */
    public static NDArray compute(NDArray mu, double sigma, NDArray target, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("regulariser scale must be > 0, got " + scale);
        }
        NDArray logN = GaussianLogDensity.meanOverElements(target, mu, sigma);
        return ScopedScalars.div(logN, scale).exp().neg().add(1.0).mean();
    }

    /**
     * Whether training step k (0-based in sampling order) gets the regulariser: the last
     * {@code lastSteps} of the {@code trainedSteps} trained steps (all K steps but the last are trained).
     */
    public static boolean appliesTo(int step, int trainedSteps, int lastSteps) {
        return step >= trainedSteps - lastSteps && step < trainedSteps;
    }
}

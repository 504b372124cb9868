package org.lrpo.core.lrpo;

import ai.djl.ndarray.NDArray;

/**
 * The clipped policy-gradient term of one training step k, METHOD section 6:
 *
 * <pre>
 *   rho_ik = exp(log pi_theta(x_prev | x_t) - log pi_old(x_prev | x_t))
 *   L_pg   = mean_i max(-Ahat_ik * rho_ik, -Ahat_ik * clip(rho_ik, 1 - eps, 1 + eps))
 * </pre>
 *
 * The log-probabilities are per-element means over D (METHOD 2), so rho stays near 1 and eps is tiny
 * (1e-4). Statistics are read from the same arrays but do not take part in the gradient.
 */
public final class ClippedSurrogate {
    private ClippedSurrogate() {}

    /** The loss (a scalar NDArray that carries the gradient) and diagnostics of one step. */
    public record Result(NDArray loss, double ratioMean, double ratioMin, double ratioMax,
                         double clipFraction, double approxKl) {}

    /**
     * @param logProbNew log pi_theta per sample, shape [B], recorded for gradients
     * @param logProbOld log pi_old per sample, shape [B], from the rollout
     * @param advantages Ahat_ik per sample, shape [B]
     * @param epsilon clip range eps
     */
    public static Result compute(NDArray logProbNew, NDArray logProbOld, NDArray advantages, double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("clip epsilon must be > 0, got " + epsilon);
        }
        NDArray logRatio = logProbNew.sub(logProbOld);
        NDArray ratio = logRatio.exp();
        NDArray unclipped = advantages.neg().mul(ratio);
        NDArray clipped = advantages.neg().mul(ratio.clip(1.0 - epsilon, 1.0 + epsilon));
        NDArray loss = unclipped.maximum(clipped).mean();

        float[] r = ratio.toFloatArray();
        float[] lr = logRatio.toFloatArray();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int outside = 0;
        double kl = 0;
        for (int i = 0; i < r.length; i++) {
            sum += r[i];
            min = Math.min(min, r[i]);
            max = Math.max(max, r[i]);
            outside += Math.abs(r[i] - 1.0) > epsilon ? 1 : 0;
            // The k2 estimator of KL(old || new), as DDPO and the authors' code log it.
            kl += 0.5 * lr[i] * lr[i];
        }
        return new Result(loss, sum / r.length, min, max, (double) outside / r.length, kl / r.length);
    }
}

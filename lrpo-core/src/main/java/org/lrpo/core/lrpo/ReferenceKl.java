package org.lrpo.core.lrpo;

import ai.djl.ndarray.NDArray;
import org.lrpo.core.engine.ScopedScalars;

/**
 * Optional KL to a frozen reference policy, METHOD section 6: for two Gaussians with the same sigma,
 * KL = ||mu_theta - mu_ref||^2 / (2 sigma_t^2). Taken as a per-element mean over D (like the
 * log-probabilities, so its scale does not grow with resolution), then averaged over the batch.
 */
public final class ReferenceKl {
    private ReferenceKl() {}

    public static NDArray compute(NDArray mu, NDArray muReference, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be > 0, got " + sigma);
        }
        NDArray diff = mu.sub(muReference);
        return ScopedScalars.div(diff.mul(diff), 2.0 * sigma * sigma).mean();
    }
}

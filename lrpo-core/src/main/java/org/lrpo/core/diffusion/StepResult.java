package org.lrpo.core.diffusion;

import ai.djl.ndarray.NDArray;

/**
 * What one DDIM step computed (METHOD.md section 2). The arrays live in the manager of the step's
 * {@code x_t}: the caller's scope owns them.
 *
 * @param xPrev x_prev, [B, C, H, W] float32: sampled, or the stored one that was re-scored
 * @param mu mu_theta, [B, C, H, W] float32
 * @param sigma sigma_t (one value: every sample of a step shares its timestep)
 * @param x0Hat x0_hat, [B, C, H, W] float32
 * @param logProb log pi, [B] float32, the MEAN over the D elements of each sample; {@code null} when
 *     sigma_t = 0 (eta = 0 has no density), see {@link #logProbOrThrow()}
 */
public record StepResult(NDArray xPrev, NDArray mu, double sigma, NDArray x0Hat, NDArray logProb) {
    /** log pi [B]; fails for a deterministic (sigma = 0) step, whose transition has no density. */
    public NDArray logProbOrThrow() {
        if (logProb == null) {
            throw new IllegalStateException("sigma_t = 0 (eta = 0): a deterministic DDIM step has no log-probability");
        }
        return logProb;
    }
}

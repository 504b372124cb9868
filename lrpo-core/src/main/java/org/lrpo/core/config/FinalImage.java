package org.lrpo.core.config;

/**
 * The image a restoration returns after its last DDIM step ({@code sampler.final-image}).
 *
 * <p>METHOD's chain ends at {@code x_prev} of the last step, a sample at the noise level {@code abar_0 < 1}
 * (the schedule's first entry, {@code set_alpha_to_one = False}). In the paper that is a VAE latent, and the
 * decoder does not show its residual noise; in pixel space it is {@code sqrt(1 - abar_0) = 0.029} of noise
 * per channel (3.7 of 255 levels) on top of the policy's own error, visible as coloured grain. {@link #X0_HAT}
 * returns the last step's x0 prediction instead (<b>[here]</b>, what pixel-space samplers such as DDPM's
 * return), which the same trajectory reaches without that noise. Trajectories and their log-probabilities are
 * the same either way: this chooses which of the last step's two tensors a restoration returns and a rollout's
 * candidate is rewarded for.
 */
public enum FinalImage {
    /** x_prev of the last step, METHOD section 2. */
    X_PREV,
    /** x0_hat of the last step (<b>[here]</b>). */
    X0_HAT
}

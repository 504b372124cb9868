package org.lrpo.core.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Objects;
import org.lrpo.core.engine.ScopedScalars;

/**
 * One DDIM step with its log-probability, METHOD.md section 2 (Song et al. 2021, eq. 12 and 16), in the
 * spirit of ddpo-pytorch's {@code ddim_step_with_logprob}: the same code path either samples x_prev (no
 * stored x_prev given) or re-scores a stored one (x_prev given), so the log-probability recorded during
 * the rollout and the one recomputed in training cannot drift apart.
 *
 * <table>
 *   <caption>Notation (METHOD.md section 2)</caption>
 *   <tr><th>here</th><th>METHOD.md</th></tr>
 *   <tr><td>{@code xt}</td><td>x_t, the current latent at timestep t = tau_k</td></tr>
 *   <tr><td>{@code eps}</td><td>eps_theta(x_t, t, c), the policy's noise prediction</td></tr>
 *   <tr><td>{@code alphaBar}, {@code alphaBarPrev}</td><td>abar_t, abar_prev (abar_0 at the last step)</td></tr>
 *   <tr><td>{@code x0Hat}</td><td>x0_hat</td></tr>
 *   <tr><td>{@code sigma}</td><td>sigma_t (eta scales it)</td></tr>
 *   <tr><td>{@code mu}</td><td>mu_theta</td></tr>
 *   <tr><td>{@code z}</td><td>z ~ N(0, I), drawn from {@link NoiseKey#stepStream(int)}</td></tr>
 *   <tr><td>{@code xPrev}</td><td>x_prev (x at t_prev)</td></tr>
 *   <tr><td>{@code logProb}</td><td>log pi, the per-sample MEAN over the D elements</td></tr>
 * </table>
 *
 * <p>Steps:
 * <ol>
 *   <li>{@code x0_hat = (x_t - sqrt(1 - abar_t) * eps) / sqrt(abar_t)}</li>
 *   <li>{@code sigma_t = eta * sqrt((1 - abar_prev) / (1 - abar_t)) * sqrt(1 - abar_t / abar_prev)}</li>
 *   <li>{@code mu_theta = sqrt(abar_prev) * x0_hat + sqrt(1 - abar_prev - sigma_t^2) * eps}</li>
 *   <li>if no x_prev is given: {@code x_prev = mu_theta + sigma_t * z}</li>
 *   <li>{@code log pi = (1/D) sum_d [-(x_prev_d - mu_d)^2 / (2 sigma_t^2) - ln sigma_t - 0.5 ln(2 pi)]}</li>
 * </ol>
 *
 * <p>x0_hat is not clipped unless asked (METHOD and the authors' code do not clip; LRPO's steps follow them,
 * {@code rl.clip-x0 = false}); restoration asks for it (<b>[here]</b>, {@code sampler.clip-x0}), and then
 * step 1 becomes {@code x0_hat = clamp(x0_hat, -1, 1)} before mu. Scalars are computed in double
 * and applied in float32; step 5 stays in float32 (see the comment there for why that is accurate to
 * ~1e-7, which tests check against a float64 evaluation, and why it cannot be upcast).
 */
public final class DdimStep {
    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

    private final DdimTimesteps steps;
    private final double eta;
    private final boolean clipX0;

    /**
     * METHOD's step, without clipping x0_hat.
     *
     * @param eta 1.0 while collecting rollouts, 0.8 for restoration, 0 for the deterministic sampler
     */
    public DdimStep(DdimTimesteps steps, double eta) {
        this(steps, eta, false);
    }

    /**
     * @param clipX0 clamp x0_hat to the image range [-1, 1] before forming mu_theta (<b>[here]</b>, the
     *     DDPM practice for pixel-space models: an early, imprecise eps at high noise would otherwise be
     *     amplified by 1 / sqrt(abar_t), up to 14x at t = 981). Sampling and re-scoring share it, so
     *     the log-probabilities stay consistent.
     */
    public DdimStep(DdimTimesteps steps, double eta, boolean clipX0) {
        this.clipX0 = clipX0;
        this.steps = Objects.requireNonNull(steps, "steps");
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and >= 0, got " + eta);
        }
        this.eta = eta;
    }

    public DdimTimesteps timesteps() {
        return steps;
    }

    public double eta() {
        return eta;
    }

    public boolean clipsX0() {
        return clipX0;
    }

    /** Samples x_prev with noise named by {@code keys} (one per sample; may be null when sigma_t = 0). */
    public StepResult sample(NDArray xt, NDArray eps, int k, List<NoiseKey> keys) {
        return step(xt, eps, k, keys, null);
    }

    /** Re-scores a stored {@code xPrev} under the given eps: same path as {@link #sample}. */
    public StepResult rescore(NDArray xt, NDArray eps, int k, NDArray xPrev) {
        return step(xt, eps, k, null, Objects.requireNonNull(xPrev, "xPrev"));
    }

    /**
     * The single code path. Give exactly one of {@code keys} (sample) and {@code storedPrev} (re-score);
     * a deterministic step (sigma_t = 0) may be sampled with neither.
     *
     * @param xt x_t [B, C, H, W] float32
     * @param eps eps_theta(x_t, tau_k, c), same shape
     * @param k the step index, 0 = noisiest (timestep {@code timesteps().timestep(k)})
     * @throws IllegalArgumentException on a conflicting or missing argument, a shape mismatch or a bad k
     */
    public StepResult step(NDArray xt, NDArray eps, int k, List<NoiseKey> keys, NDArray storedPrev) {
        Objects.requireNonNull(xt, "xt");
        Objects.requireNonNull(eps, "eps");
        Shape shape = xt.getShape();
        if (shape.dimension() < 2) {
            throw new IllegalArgumentException("x_t must be [B, ...], got " + shape);
        }
        if (!eps.getShape().equals(shape)) {
            throw new IllegalArgumentException("eps shape " + eps.getShape() + " differs from x_t shape " + shape);
        }
        if (k < 0 || k >= steps.count()) {
            throw new IllegalArgumentException("step index k = " + k + " outside [0, " + steps.count() + ")");
        }
        double sigma = steps.sigma(k, eta);
        if (keys != null && storedPrev != null) {
            throw new IllegalArgumentException(
                    "give noise keys (to sample x_prev) or a stored x_prev (to re-score it), not both");
        }
        if (keys == null && storedPrev == null && sigma > 0) {
            throw new IllegalArgumentException("sigma_t = " + sigma + " > 0 at step " + k
                    + ": sampling needs noise keys (or give a stored x_prev to re-score)");
        }
        if (storedPrev != null && !storedPrev.getShape().equals(shape)) {
            throw new IllegalArgumentException("stored x_prev shape " + storedPrev.getShape() + " differs from x_t shape "
                    + shape);
        }
        int batch = Math.toIntExact(shape.get(0));
        if (keys != null && keys.size() != batch) {
            throw new IllegalArgumentException("need one noise key per sample: " + keys.size() + " keys for batch "
                    + batch);
        }

        double abar = steps.alphaBar(k);
        double abarPrev = steps.alphaBarPrev(k);
        // 1. x0_hat
        // Scalars through ScopedScalars: re-scoring records this path, and DJL frees the memory of a number
        // given to mul/div at the next GC although the graph still reads it in the backward pass.
        NDArray x0Hat = ScopedScalars.div(xt.sub(ScopedScalars.mul(eps, (float) Math.sqrt(1 - abar))),
                (float) Math.sqrt(abar));
        if (clipX0) {
            x0Hat = x0Hat.clip(-1f, 1f);
        }
        // 2.-3. mu_theta; max(0, .) only absorbs rounding: 1 - abar_prev - sigma^2 >= 0 for eta <= 1.
        double direction = Math.sqrt(Math.max(0.0, 1 - abarPrev - sigma * sigma));
        NDArray mu = ScopedScalars.mul(x0Hat, (float) Math.sqrt(abarPrev))
                .add(ScopedScalars.mul(eps, (float) direction));
        // 4. x_prev
        NDArray xPrev;
        if (storedPrev != null) {
            xPrev = storedPrev;
        } else if (sigma == 0) {
            xPrev = mu;
        } else {
            int d = Math.toIntExact(shape.size() / batch);
            float[] z = new float[batch * d];
            for (int b = 0; b < batch; b++) {
                GaussianNoise.fill(keys.get(b).stepStream(k), z, b * d, d);
            }
            xPrev = mu.add(xt.getManager().create(z, shape).mul((float) sigma));
        }
        // 5. log pi, mean over D
        NDArray logProb = null;
        if (sigma > 0) {
            // float32 on purpose: DJL's toType() detaches from the autograd graph, so an upcast would cut
            // the gradient of log pi. x_prev - mu is exact in float32 whenever the two are within a factor
            // of 2 of each other (Sterbenz), i.e. whenever |sigma z| is small against |mu|; otherwise its
            // rounding is below one ulp of a small difference. The squares' mean is then accurate to ~1e-7
            // and the constant -ln sigma - 0.5 ln(2 pi) is folded in once, computed in double.
            NDArray diff = xPrev.sub(mu).reshape(batch, -1);
            NDArray meanSquare = diff.square().mean(new int[] {1});
            logProb = ScopedScalars.mul(meanSquare, (float) (-1.0 / (2 * sigma * sigma)))
                    .sub((float) (Math.log(sigma) + HALF_LN_2PI));
        }
        return new StepResult(xPrev, mu, sigma, x0Hat, logProb);
    }
}

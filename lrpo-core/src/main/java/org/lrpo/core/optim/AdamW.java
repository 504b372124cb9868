package org.lrpo.core.optim;

import java.util.Objects;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization",
 * ICLR 2019), on one flat {@code float[]} of parameters, reproducing {@code torch.optim.AdamW}
 * (amsgrad off, maximize off) operation by operation in float32.
 *
 * <p>For step {@code t = 1, 2, ...} with gradient {@code g}, learning rate {@code lr} and weight
 * decay {@code lambda} (METHOD §6/§7: the paper's optimiser), each element does:
 * <pre>
 *   theta = theta * (1 - lr * lambda)                 decoupled decay, before the moments
 *   m     = beta1 * m + (1 - beta1) * g
 *   v     = beta2 * v + (1 - beta2) * g^2
 *   theta = theta - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * Note where {@code eps} sits: added to the bias-corrected {@code sqrt(v_hat)}, as torch does, not to
 * {@code sqrt(v)} before correction. Scalars are computed in double and rounded to float, and the
 * tensor arithmetic is float in the order torch's vectorised CPU kernels use (fused multiply-add for
 * the moment updates, division by {@code sqrt(1 - beta2^t)} as a multiplication by its reciprocal):
 * against torch 1.13 the moments agree bit for bit and the parameters within 1e-7 relative
 * ({@code AdamWTest}).
 *
 * <p>Elements whose {@link #decayMask} entry is false get no weight decay (a torch parameter group
 * with {@code weight_decay=0}), the usual treatment of biases and normalisation scales.
 *
 * <p>Not thread-safe; the Spark driver is its single owner.
 */
public final class AdamW {
    /** Hyper-parameters; torch's defaults are {@code (0.9, 0.999, 1e-8, 1e-2)}. */
    public record Config(double beta1, double beta2, double eps, double weightDecay) {
        public Config {
            if (!(beta1 >= 0 && beta1 < 1)) {
                throw new IllegalArgumentException("AdamW beta1 must be in [0, 1), got " + beta1);
            }
            if (!(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("AdamW beta2 must be in [0, 1), got " + beta2);
            }
            if (!(eps > 0 && Double.isFinite(eps))) {
                throw new IllegalArgumentException("AdamW eps must be positive and finite, got " + eps);
            }
            if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
                throw new IllegalArgumentException("AdamW weight decay must be >= 0 and finite, got " + weightDecay);
            }
        }

        public static Config torchDefaults() {
            return new Config(0.9, 0.999, 1e-8, 1e-2);
        }
    }

    private final Config config;
    private final boolean[] decayMask;
    private final float[] m;
    private final float[] v;
    private long step;

    /** An optimiser for {@code size} parameters, every one weight-decayed. */
    public AdamW(Config config, int size) {
        this(config, allTrue(size));
    }

    /** An optimiser where only the elements with {@code decayMask[i]} get weight decay. */
    public AdamW(Config config, boolean[] decayMask) {
        this.config = Objects.requireNonNull(config, "config");
        this.decayMask = decayMask.clone();
        this.m = new float[decayMask.length];
        this.v = new float[decayMask.length];
    }

    private static boolean[] allTrue(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        boolean[] mask = new boolean[size];
        java.util.Arrays.fill(mask, true);
        return mask;
    }

    public Config config() {
        return config;
    }

    public int size() {
        return m.length;
    }

    /** Number of steps taken (torch's {@code state['step']}). */
    public long stepCount() {
        return step;
    }

    /**
     * One update of {@code params} in place from {@code grads} at learning rate {@code lr}.
     *
     * @throws NonFiniteGradientException if a gradient is NaN or infinite; nothing is changed then,
     *     since one NaN would poison the moments for good
     */
    public void step(float[] params, float[] grads, double lr) {
        if (params.length != m.length || grads.length != m.length) {
            throw new IllegalArgumentException("AdamW holds " + m.length + " parameters, got params of length "
                    + params.length + " and grads of length " + grads.length);
        }
        if (!(lr >= 0 && Double.isFinite(lr))) {
            throw new IllegalArgumentException("learning rate must be >= 0 and finite, got " + lr);
        }
        int bad = GradientClipping.firstNonFinite(grads);
        if (bad >= 0) {
            throw new NonFiniteGradientException(bad, grads[bad], "element " + bad);
        }
        step++;
        float decay = (float) (1.0 - lr * config.weightDecay());
        float b1 = (float) config.beta1();
        float oneMinusB1 = (float) (1.0 - config.beta1());
        float b2 = (float) config.beta2();
        float oneMinusB2 = (float) (1.0 - config.beta2());
        double biasCorrection1 = 1.0 - Math.pow(config.beta1(), step);
        double biasCorrection2 = 1.0 - Math.pow(config.beta2(), step);
        float negStepSize = (float) -(lr / biasCorrection1);
        float invBc2Sqrt = (float) (1.0 / Math.sqrt(biasCorrection2));
        float eps = (float) config.eps();
        for (int i = 0; i < params.length; i++) {
            float p = params[i];
            if (decayMask[i]) {
                p = p * decay;
            }
            float g = grads[i];
            float mi = Math.fma(oneMinusB1, g, m[i] * b1);
            float vi = Math.fma(oneMinusB2 * g, g, v[i] * b2);
            m[i] = mi;
            v[i] = vi;
            float denom = (float) Math.sqrt(vi) * invBc2Sqrt + eps;
            params[i] = p + negStepSize * mi / denom;
        }
    }

    /** A copy of the state, for checkpoints. */
    public AdamWState exportState() {
        return new AdamWState(config, step, m.clone(), v.clone());
    }

    /** Replaces the state with a copy of {@code state} (same size and hyper-parameters required). */
    public void restore(AdamWState state) {
        if (state.m().length != m.length) {
            throw new IllegalArgumentException("optimiser state has " + state.m().length + " values, this AdamW has "
                    + m.length);
        }
        if (!state.config().equals(config)) {
            throw new IllegalArgumentException("optimiser state was saved with " + state.config()
                    + ", this AdamW is configured with " + config);
        }
        System.arraycopy(state.m(), 0, m, 0, m.length);
        System.arraycopy(state.v(), 0, v, 0, v.length);
        step = state.step();
    }
}

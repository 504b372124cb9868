package org.lrpo.core.optim;

/**
 * Global L2 gradient-norm clipping with {@code torch.nn.utils.clip_grad_norm_} semantics, and checks
 * for non-finite gradients.
 *
 * <p>With {@code N = sqrt(sum_i g_i^2)} over every parameter (METHOD §6: clip 1.0), the gradients are
 * multiplied by {@code min(1, maxNorm / (N + 1e-6))}; the returned value is {@code N}, the norm
 * before clipping. The 1e-6 is torch's: it keeps the factor finite for an all-zero gradient and makes
 * a gradient of norm exactly {@code maxNorm} shrink by a hair, as torch does. The sum of squares is
 * accumulated in double.
 *
 * <p>One deliberate difference from torch: if {@code N} is NaN or infinite the gradients are left
 * untouched (torch would multiply them by NaN) and the non-finite norm is returned, so the caller can
 * skip the step and log {@link #firstNonFinite}.
 */
public final class GradientClipping {
    /** torch's {@code clip_grad_norm_} adds this to the norm before dividing. */
    public static final double TORCH_EPS = 1e-6;

    private GradientClipping() {}

    /** The global L2 norm {@code sqrt(sum g_i^2)}, accumulated in double; NaN/infinite if any element is. */
    public static double globalNorm(float[] grads) {
        double sum = 0;
        for (float g : grads) {
            sum += (double) g * g;
        }
        return Math.sqrt(sum);
    }

    /**
     * Scales {@code grads} in place so that their global norm is at most about {@code maxNorm}.
     *
     * @return the norm before clipping; when it is not finite, {@code grads} are unchanged
     */
    public static double clipByGlobalNorm(float[] grads, double maxNorm) {
        if (!(maxNorm > 0 && Double.isFinite(maxNorm))) {
            throw new IllegalArgumentException("max gradient norm must be positive and finite, got " + maxNorm);
        }
        double norm = globalNorm(grads);
        if (!Double.isFinite(norm)) {
            return norm;
        }
        double coef = maxNorm / (norm + TORCH_EPS);
        if (coef < 1.0) {
            float c = (float) coef;
            for (int i = 0; i < grads.length; i++) {
                grads[i] *= c;
            }
        }
        return norm;
    }

    /** Index of the first NaN or infinite element, or -1 if all are finite. */
    public static int firstNonFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Throws {@link NonFiniteGradientException} naming the tensor and index of the first non-finite gradient. */
    public static void requireFinite(float[] grads, ParameterLayout layout) {
        if (grads.length != layout.totalSize()) {
            throw new IllegalArgumentException("layout has " + layout.totalSize() + " values, gradient has "
                    + grads.length);
        }
        int bad = firstNonFinite(grads);
        if (bad >= 0) {
            throw new NonFiniteGradientException(bad, grads[bad], layout.describe(bad));
        }
    }

    /** Number of NaN or infinite elements (for logging how bad a step was). */
    public static int countNonFinite(float[] values) {
        int n = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                n++;
            }
        }
        return n;
    }
}

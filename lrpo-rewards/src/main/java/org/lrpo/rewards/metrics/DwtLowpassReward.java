package org.lrpo.rewards.metrics;

import org.lrpo.core.image.RgbImage;

/**
 * The paper's wavelet reward term, METHOD.md §4 component {@code dwt_lowpass}:
 * <pre>
 *   r_dwt(x, gt) = exp(-15 * mean_{c, i, j} | Yl_c(x)[i, j] - Yl_c(gt)[i, j] |)
 * </pre>
 * with {@code Yl_c} the lowpass band of the J = 3 level 2-D DT-CWT ({@code near_sym_b} at level 1,
 * {@code qshift_b} above; {@link DtcwtLowpass}) of channel c, images in [0, 1] (not 255), the mean taken over
 * the three channels and every lowpass coefficient. In (0, 1]; 1 when the lowpass bands agree exactly.
 * Thread-safe and stateless.
 *
 * <p>Scale of Yl: the filters are not renormalised, so the lowpass has DC gain 4 for J = 3 ({@code h0o} sums to
 * 1, each Q-shift filter to sqrt(2), applied along both axes at levels 2 and 3): a uniform error of e in the
 * image gives mean |dYl| = 4e and a reward of exp(-60 e). This is the dtcwt package's convention, which METHOD.md's reference names.
 */
public final class DwtLowpassReward {
    private static final String NAME = "dwt_lowpass";
    /** J, METHOD.md §4. */
    public static final int LEVELS = 3;
    /** The scale in the exponent, METHOD.md §4. */
    public static final double SCALE = 15.0;

    private DwtLowpassReward() {}

    /** {@code r_dwt(x, gt)}. */
    public static double reward(RgbImage x, RgbImage gt) {
        InputChecks.requireComparable(NAME, x, gt);
        return target(gt).reward(x);
    }

    /** {@code mean |Yl(x) - Yl(gt)|} over channels and coefficients, on the [0, 1] scale. */
    public static double meanAbsLowpassDifference(RgbImage x, RgbImage gt) {
        InputChecks.requireComparable(NAME, x, gt);
        return target(gt).meanAbsLowpassDifference(x);
    }

    /**
     * gt's lowpass bands computed once, for scoring many candidates against the same ground truth (a rollout
     * group shares its gt): half the transforms of calling {@link #reward} per candidate.
     */
    public static Target target(RgbImage gt) {
        InputChecks.requireFinite(NAME, "gt", gt);
        return new Target(gt.width(), gt.height(), new Plane[] {lowpass(gt, 0), lowpass(gt, 1), lowpass(gt, 2)});
    }

    /** A ground truth with its lowpass bands; immutable and thread-safe. */
    public static final class Target {
        private final int width;
        private final int height;
        private final Plane[] gtLowpass;

        private Target(int width, int height, Plane[] gtLowpass) {
            this.width = width;
            this.height = height;
            this.gtLowpass = gtLowpass;
        }

        /** {@code r_dwt(x, gt)}. */
        public double reward(RgbImage x) {
            return Math.exp(-SCALE * meanAbsLowpassDifference(x));
        }

        /** {@code mean |Yl(x) - Yl(gt)|}. */
        public double meanAbsLowpassDifference(RgbImage x) {
            if (x.width() != width || x.height() != height) {
                throw new IllegalArgumentException(NAME + ": x is " + x.width() + "x" + x.height()
                        + " (WxH) but gt is " + width + "x" + height + "; they must be the same size");
            }
            InputChecks.requireFinite(NAME, "x", x);
            double sum = 0.0;
            long count = 0;
            for (int c = 0; c < 3; c++) {
                double[] a = lowpass(x, c).values();
                double[] b = gtLowpass[c].values();
                for (int i = 0; i < a.length; i++) {
                    sum += Math.abs(a[i] - b[i]);
                }
                count += a.length;
            }
            return sum / count;
        }
    }

    /** Yl of channel {@code c} of {@code image} (values in [0, 1]) after {@link #LEVELS} levels. */
    public static Plane lowpass(RgbImage image, int c) {
        if (c < 0 || c > 2) {
            throw new IllegalArgumentException(NAME + ": channel must be 0, 1 or 2, got " + c);
        }
        return DtcwtLowpass.forward(Plane.ofChannel(image, c), LEVELS);
    }
}

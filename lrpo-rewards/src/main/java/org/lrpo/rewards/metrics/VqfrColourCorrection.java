package org.lrpo.rewards.metrics;

import org.lrpo.core.image.RgbImage;

/**
 * The per-channel colour correction that VQFR's evaluation script applies to a restored image before
 * PSNR/SSIM ({@code TencentARC/VQFR}, {@code metric_paper/calculate_psnr_ssim.py}, flag
 * {@code --correct_mean_var}, which is {@code store_true} with {@code default=True}, i.e. always on).
 *
 * <p>What it does, exactly, for each channel c separately, with {@code m_gt, s_gt} the mean and the
 * population standard deviation ({@code np.std}, ddof = 0) of gt's channel c over all its pixels:
 * <pre>
 *   repeat twice:
 *     x_c = x_c - mean(x_c) + m_gt        # shift to gt's mean
 *     x_c = x_c / std(x_c) * s_gt         # scale ABOUT ZERO (not about the mean) to gt's std
 * </pre>
 * Because the scaling is about zero it moves the mean again, which is why the script runs the pair twice;
 * after two rounds the mean is close to, but not exactly, gt's. Values are not clipped to [0, 1] and not
 * re-quantised. The statistics are taken on the whole images, before any border crop. VQFR works in
 * float32 on images in [0, 1]; we work in double (the difference is below 1e-6 dB on the test images).
 *
 * <p>A channel of x that is constant has std 0 and the division is undefined (VQFR would produce NaN);
 * here that is an {@link IllegalArgumentException} naming the channel.
 */
public final class VqfrColourCorrection {
    private VqfrColourCorrection() {}

    /** The corrected channels of x, values on the [0, 1] scale (possibly outside it), row-major. */
    public static double[][] correct(RgbImage x, RgbImage gt) {
        InputChecks.requireComparable("colour correction", x, gt);
        int n = x.width() * x.height();
        double[][] out = new double[3][];
        for (int c = 0; c < 3; c++) {
            double[] g = Plane.ofChannel(gt, c).values();
            double mGt = mean(g);
            double sGt = std(g, mGt);
            double[] v = Plane.ofChannel(x, c).values();
            for (int round = 0; round < 2; round++) {
                double shift = mGt - mean(v);
                for (int i = 0; i < n; i++) {
                    v[i] += shift;
                }
                double s = std(v, mean(v));
                if (s == 0.0) {
                    throw new IllegalArgumentException("colour correction: channel " + c + " of x ("
                            + x.width() + "x" + x.height() + ") is constant, so its std is 0 and it cannot be "
                            + "scaled to gt's std");
                }
                double scale = sGt / s;
                for (int i = 0; i < n; i++) {
                    v[i] *= scale;
                }
            }
            out[c] = v;
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0.0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double std(double[] v, double mean) {
        double s = 0.0;
        for (double d : v) {
            double e = d - mean;
            s += e * e;
        }
        return Math.sqrt(s / v.length);
    }
}

package org.lrpo.rewards.metrics;

import org.lrpo.core.image.RgbImage;

/**
 * Peak signal-to-noise ratio on the [0, 255] scale: {@code PSNR = 10 log10(255^2 / MSE)}, the MSE taken over
 * every compared value (all three channels together for RGB, as {@code skimage.metrics.peak_signal_noise_ratio}
 * and VQFR's {@code calculate_psnr} do; not a mean of per-channel PSNRs).
 *
 * <p>Identical inputs give {@code +Infinity}, as in both references.
 */
public final class Psnr {
    private static final String NAME = "psnr";

    private Psnr() {}

    /** PSNR in dB of x against gt on RGB in [0, 255]. */
    public static double compute(RgbImage x, RgbImage gt) {
        return compute(x, gt, FidelityProtocol.RGB);
    }

    /** PSNR in dB of x against gt, prepared as {@code protocol} says. */
    public static double compute(RgbImage x, RgbImage gt, FidelityProtocol protocol) {
        FidelityPlanes p = FidelityPlanes.prepare(NAME, x, gt, protocol);
        double sum = 0.0;
        long count = 0;
        for (int c = 0; c < p.x.length; c++) {
            double[] a = p.x[c].values();
            double[] b = p.gt[c].values();
            for (int i = 0; i < a.length; i++) {
                double d = a[i] - b[i];
                sum += d * d;
            }
            count += a.length;
        }
        double mse = sum / count;
        return mse == 0.0 ? Double.POSITIVE_INFINITY : 10.0 * Math.log10(255.0 * 255.0 / mse);
    }
}

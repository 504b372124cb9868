package org.lrpo.rewards.metrics;

import org.lrpo.core.image.RgbImage;

/**
 * Structural similarity (Wang, Bovik, Sheikh, Simoncelli 2004), METHOD.md §4 component {@code ssim} and §10.
 *
 * <p>Computed on the [0, 255] scale with L = 255 (see {@link SsimStatistics} for the window, constants and
 * valid region); for RGB it is the mean of the three per-channel mean SSIMs. Matches
 * {@code skimage.metrics.structural_similarity(gt, x, channel_axis=2, gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=255)} and VQFR/BasicSR's {@code calculate_ssim}.
 * The compared region (after any crop) must be at least 11x11.
 */
public final class Ssim {
    private static final String NAME = "ssim";

    private Ssim() {}

    /** SSIM of x against gt on RGB in [0, 255], in [-1, 1] (1 when identical). */
    public static double compute(RgbImage x, RgbImage gt) {
        return compute(x, gt, FidelityProtocol.RGB);
    }

    /** SSIM of x against gt, prepared as {@code protocol} says. */
    public static double compute(RgbImage x, RgbImage gt, FidelityProtocol protocol) {
        FidelityPlanes p = FidelityPlanes.prepare(NAME, x, gt, protocol);
        double sum = 0.0;
        for (int c = 0; c < p.x.length; c++) {
            sum += SsimStatistics.of(p.x[c], p.gt[c], 255.0).meanSsim;
        }
        return sum / p.x.length;
    }
}

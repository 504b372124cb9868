package org.lrpo.rewards.metrics;

import java.util.Arrays;
import org.lrpo.core.image.RgbImage;

/**
 * Speckle on a restored face: the noise level of the restored image on the regions where the ground truth is
 * flat, in 8-bit levels of luma. A diffusion restoration can score well on PSNR/SSIM-type metrics while covered
 * in fine coloured grain; this measures that grain where the face itself has no detail to hide it in.
 *
 * <p>Computation, all in double:
 * <ol>
 *   <li>Luma of both images on the [0, 255] scale, MATLAB {@code rgb2ycbcr} (BT.601 studio range,
 *       {@link ChannelSpace#Y}, the Y plane the fidelity metrics compare), no crop, no colour correction.
 *   <li>A small blur {@code B = G * Y} of each: separable Gaussian, sigma {@value #BLUR_SIGMA} pixel, taps out to
 *       {@value #BLUR_RADIUS} pixels (4 sigma), normalised to sum 1, with mirrored edges ({@code d c b | a b c d |
 *       c b a}). This is {@code scipy.ndimage.gaussian_filter(Y, 1.0, mode="mirror", truncate=4.0)}. Mirroring
 *       (not repeating the edge pixel) keeps a 2-pixel-period pattern unchanged at the edges, and a constant
 *       image blurs to a constant.
 *   <li>The high-pass residual of the restored image, {@code Y_x - B_x}.
 *   <li>The ground truth's gradient magnitude {@code |grad B_gt|}, central differences
 *       {@code ((B[y][x+1] - B[y][x-1]) / 2, (B[y+1][x] - B[y-1][x]) / 2)}, then its largest value over each
 *       pixel's 3x3 neighbourhood. The dilation is needed: the centre line of a thin feature (a mouth, a
 *       brow, the nose line: one or two pixels wide at 32 px) has zero gradient yet a large high-pass; its
 *       neighbours have large gradients, so the 3x3 maximum keeps it out of the mask. On six generated 32-pixel
 *       faces (run seed 7) the ground truth's own value was 2.5..9.1 levels without it and 1.2..6.8 with it
 *       (lower on four of the six, by up to 2.3 levels; at 64 pixels lower on five of six, at 128 on all six).
 *   <li>Only the interior counts: a {@value #BORDER}-pixel border on each edge is ignored (the 3x3 windows of
 *       interior pixels then reach only pixels with two neighbours on each axis for the differences).
 *   <li>The flat mask: interior pixels whose dilated GT gradient is at most the {@value #FLAT_PERCENTILE}th
 *       percentile of the interior's dilated GT gradients (linear interpolation between order statistics,
 *       {@code numpy.percentile}'s default). The threshold is relative, so the mask is always the flattest
 *       30% (or more, with ties: a flat GT makes every pixel flat) of the face whatever its contrast. Fewer than
 *       {@value #MIN_FLAT_PIXELS} flat pixels is rejected: without ties that happens for an interior under 105
 *       pixels, e.g. a 14x14 image (15x15 and larger always qualify).
 *   <li>The result: the population standard deviation (divide by n) of the residual over the mask. A high-pass
 *       residual has a mean near 0, so this is its RMS; subtracting the mean keeps a constant offset (a
 *       smooth shading curvature the blur removes) from counting as noise.
 * </ol>
 *
 * <p>Reading it: the value is not 0 for a perfect restoration, because the ground truth has its own fine
 * texture (skin grain, JPEG residue of the dataset) even in its flattest 30%. The reference a clean output
 * should be near is the ground truth's own value, {@code compute(truth, truth)}; report both, or the
 * difference. Independent Gaussian noise of sigma {@code s} 8-bit levels per RGB channel adds about
 * {@code 0.50 s} in quadrature: luma carries {@code sqrt(65.481^2 + 128.553^2 + 24.966^2) / 255 = 0.574} of
 * it and the high-pass keeps {@code sqrt(1 - 2 g_0 + sum g^2) = 0.872} of white noise ({@code g} the 2-D
 * kernel). A {@code +-a} checkerboard in Y (the finest pattern there is) is kept almost entirely:
 * {@code a (1 - H^2)}, with {@code H = sum_k w_k (-1)^k ~= 0.0144} the 1-D kernel's response at Nyquist.
 *
 * <p>Checked against an independent NumPy/SciPy implementation ({@code src/test/python/flat_region_noise_reference.py})
 * in {@code FlatRegionNoiseTest}. Stateless and thread-safe.
 */
public final class FlatRegionNoise {
    /** Sigma of the Gaussian blur whose residual is the high-pass, pixels. */
    public static final double BLUR_SIGMA = 1.0;
    /** The blur's taps reach this far on each side (4 sigma, SciPy's default truncation). */
    public static final int BLUR_RADIUS = 4;
    /** Pixels ignored at each of the four edges. */
    public static final int BORDER = 2;
    /** The flat mask is the pixels at or below this percentile of the GT's 3x3-dilated gradient magnitude. */
    public static final double FLAT_PERCENTILE = 30.0;
    /** The least number of flat pixels a value is computed from. */
    public static final int MIN_FLAT_PIXELS = 32;

    private static final String NAME = "flat_region_noise";
    /** Weights for offsets 0 .. BLUR_RADIUS (the kernel is symmetric). */
    private static final double[] KERNEL = kernel();

    private FlatRegionNoise() {}

    /**
     * The noise level of {@code restored} on the flat regions of {@code truth}, in 8-bit luma levels (>= 0).
     * Compare with {@code compute(truth, truth)}, the ground truth's own level on the same mask.
     *
     * @throws IllegalArgumentException if the images differ in size, hold a NaN or infinite value, or are too
     *                                  small to give {@value #MIN_FLAT_PIXELS} flat interior pixels
     */
    public static double compute(RgbImage restored, RgbImage truth) {
        FidelityPlanes planes = FidelityPlanes.prepare(NAME, restored, truth, FidelityProtocol.Y);
        Plane yx = planes.x[0];
        Plane yg = planes.gt[0];
        int w = yg.width();
        int h = yg.height();
        int iw = w - 2 * BORDER;
        int ih = h - 2 * BORDER;
        if (iw <= 0 || ih <= 0) {
            throw new IllegalArgumentException(NAME + ": ignoring a " + BORDER + "-pixel border of a " + w + "x" + h
                    + " image leaves nothing");
        }
        double[] x = yx.values();
        double[] bx = blur(yx);
        double[] bg = blur(yg);
        // Gradient magnitude wherever both neighbours exist on each axis (rows and columns 1 .. size-2).
        double[] magnitude = new double[w * h];
        for (int r = 1; r < h - 1; r++) {
            for (int c = 1; c < w - 1; c++) {
                int i = r * w + c;
                double gx = (bg[i + 1] - bg[i - 1]) / 2.0;
                double gy = (bg[i + w] - bg[i - w]) / 2.0;
                magnitude[i] = Math.sqrt(gx * gx + gy * gy);
            }
        }
        int n = iw * ih;
        double[] gradient = new double[n];
        double[] residual = new double[n];
        for (int r = 0; r < ih; r++) {
            for (int c = 0; c < iw; c++) {
                int i = (r + BORDER) * w + (c + BORDER);
                double largest = 0.0;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        largest = Math.max(largest, magnitude[i + dr * w + dc]);
                    }
                }
                gradient[r * iw + c] = largest;
                residual[r * iw + c] = x[i] - bx[i];
            }
        }
        double threshold = percentile(gradient, FLAT_PERCENTILE);
        double sum = 0.0;
        int count = 0;
        for (int k = 0; k < n; k++) {
            if (gradient[k] <= threshold) {
                sum += residual[k];
                count++;
            }
        }
        if (count < MIN_FLAT_PIXELS) {
            throw new IllegalArgumentException(NAME + ": a " + w + "x" + h + " image has " + count + " flat pixels"
                    + " (the lowest " + FLAT_PERCENTILE + "% of gradients in the interior without a " + BORDER
                    + "-pixel border), fewer than the " + MIN_FLAT_PIXELS + " a noise level needs");
        }
        double mean = sum / count;
        double squares = 0.0;
        for (int k = 0; k < n; k++) {
            if (gradient[k] <= threshold) {
                double d = residual[k] - mean;
                squares += d * d;
            }
        }
        return Math.sqrt(squares / count);
    }

    /** {@code G * p}: vertical pass then horizontal, mirrored edges, the summation order of SciPy's correlate1d. */
    static double[] blur(Plane p) {
        int w = p.width();
        int h = p.height();
        double[] src = p.values();
        double[] tmp = new double[src.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double s = src[r * w + c] * KERNEL[0];
                for (int j = BLUR_RADIUS; j >= 1; j--) {
                    s += (src[mirror(r - j, h) * w + c] + src[mirror(r + j, h) * w + c]) * KERNEL[j];
                }
                tmp[r * w + c] = s;
            }
        }
        double[] out = new double[src.length];
        for (int r = 0; r < h; r++) {
            int row = r * w;
            for (int c = 0; c < w; c++) {
                double s = tmp[row + c] * KERNEL[0];
                for (int j = BLUR_RADIUS; j >= 1; j--) {
                    s += (tmp[row + mirror(c - j, w)] + tmp[row + mirror(c + j, w)]) * KERNEL[j];
                }
                out[row + c] = s;
            }
        }
        return out;
    }

    /** Index {@code i} reflected into {@code 0 .. n-1} about the edge pixels (SciPy's "mirror"). */
    private static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** The {@code q}th percentile, linear between order statistics, as {@code numpy.percentile} computes it. */
    static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = (sorted.length - 1) * (q / 100.0);
        int lo = (int) Math.floor(position);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double t = position - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
    }

    /** Half of the normalised Gaussian, offsets 0 .. BLUR_RADIUS: {@code exp(-k^2 / (2 sigma^2)) / sum}. */
    private static double[] kernel() {
        double[] full = new double[2 * BLUR_RADIUS + 1];
        double sum = 0.0;
        for (int k = -BLUR_RADIUS; k <= BLUR_RADIUS; k++) {
            full[k + BLUR_RADIUS] = Math.exp(-0.5 / (BLUR_SIGMA * BLUR_SIGMA) * k * k);
            sum += full[k + BLUR_RADIUS];
        }
        double[] half = new double[BLUR_RADIUS + 1];
        for (int k = 0; k <= BLUR_RADIUS; k++) {
            half[k] = full[k + BLUR_RADIUS] / sum;
        }
        return half;
    }
}

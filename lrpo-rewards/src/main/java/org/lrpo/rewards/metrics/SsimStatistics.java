package org.lrpo.rewards.metrics;

import java.util.Arrays;

/**
 * The local SSIM statistics of Wang et al. 2004 for one pair of planes, averaged over the valid region.
 *
 * <p>Window: 11x11 Gaussian, sigma 1.5, normalised to sum 1 (the kernel of {@code cv2.getGaussianKernel(11, 1.5)}
 * and of {@code scipy.ndimage.gaussian_filter(sigma=1.5, truncate=3.5)}), applied separably. Local means
 * {@code mu_x, mu_y}, population (co)variances {@code s_x^2 = E[x^2] - mu_x^2} etc. (skimage's
 * {@code use_sample_covariance=False}), constants {@code C1 = (0.01 L)^2, C2 = (0.03 L)^2}.
 * <pre>
 *   l  = (2 mu_x mu_y + C1) / (mu_x^2 + mu_y^2 + C1)
 *   cs = (2 s_xy + C2) / (s_x^2 + s_y^2 + C2)
 *   SSIM map = l * cs
 * </pre>
 * Only the "valid" region is kept: positions whose window lies wholly inside the plane, i.e. the filtered
 * maps with 5 pixels cropped at each edge (skimage crops {@code (win_size - 1) / 2}; VQFR/BasicSR crops
 * {@code [5:-5, 5:-5]}), so no border extension ever enters the result. Everything is computed in double.
 */
final class SsimStatistics {
    static final int WINDOW = 11;
    private static final int RADIUS = WINDOW / 2;
    private static final double SIGMA = 1.5;
    private static final double[] KERNEL = gaussian();

    /** Mean of the SSIM map over the valid region. */
    final double meanSsim;
    /** Mean of the contrast-structure map {@code cs} over the valid region (used by MS-SSIM). */
    final double meanCs;

    private SsimStatistics(double meanSsim, double meanCs) {
        this.meanSsim = meanSsim;
        this.meanCs = meanCs;
    }

    private static double[] gaussian() {
        double[] k = new double[WINDOW];
        double sum = 0.0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - RADIUS;
            k[i] = Math.exp(-0.5 * d * d / (SIGMA * SIGMA));
            sum += k[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static void horizontal(double[] src, int in, double[] dst, int out, int count) {
        double g5 = KERNEL[RADIUS];
        for (int c = 0; c < count; c++) {
            int base = in + c;
            double s = g5 * src[base + RADIUS];
            for (int k = 0; k < RADIUS; k++) {
                s += KERNEL[k] * (src[base + k] + src[base + WINDOW - 1 - k]);
            }
            dst[out + c] = s;
        }
    }

    /** Statistics of {@code a} against {@code b} (same size, at least 11x11), for data range {@code range}. */
    static SsimStatistics of(Plane a, Plane b, double range) {
        int w = a.width();
        int h = a.height();
        if (b.width() != w || b.height() != h) {
            throw new IllegalArgumentException("ssim: planes differ in size: " + a + " vs " + b);
        }
        InputChecks.requireMinimumSize("ssim", w, h, WINDOW, "the 11x11 window must fit in the image");
        double c1 = (0.01 * range) * (0.01 * range);
        double c2 = (0.03 * range) * (0.03 * range);
        double[] x = a.values();
        double[] y = b.values();
        int ow = w - 2 * RADIUS;
        int oh = h - 2 * RADIUS;
        // Horizontal pass over every row, valid columns only: five moments. The kernel is symmetric, so mirrored
        // taps are added before multiplying (6 products instead of 11).
        double[] xx = new double[w * h];
        double[] yy = new double[w * h];
        double[] xy = new double[w * h];
        for (int i = 0; i < w * h; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        int plane = h * ow;
        double[] hx = new double[plane];
        double[] hy = new double[plane];
        double[] hxx = new double[plane];
        double[] hyy = new double[plane];
        double[] hxy = new double[plane];
        for (int r = 0; r < h; r++) {
            int in = r * w;
            int out = r * ow;
            horizontal(x, in, hx, out, ow);
            horizontal(y, in, hy, out, ow);
            horizontal(xx, in, hxx, out, ow);
            horizontal(yy, in, hyy, out, ow);
            horizontal(xy, in, hxy, out, ow);
        }
        // Vertical pass, valid rows only, row-buffered so the inner loop runs along memory.
        double[] mx = new double[ow];
        double[] my = new double[ow];
        double[] mxx = new double[ow];
        double[] myy = new double[ow];
        double[] mxy = new double[ow];
        double ssimSum = 0.0;
        double csSum = 0.0;
        for (int r = 0; r < oh; r++) {
            Arrays.fill(mx, 0.0);
            Arrays.fill(my, 0.0);
            Arrays.fill(mxx, 0.0);
            Arrays.fill(myy, 0.0);
            Arrays.fill(mxy, 0.0);
            for (int k = 0; k < WINDOW; k++) {
                double g = KERNEL[k];
                int row = (r + k) * ow;
                for (int c = 0; c < ow; c++) {
                    mx[c] += g * hx[row + c];
                    my[c] += g * hy[row + c];
                    mxx[c] += g * hxx[row + c];
                    myy[c] += g * hyy[row + c];
                    mxy[c] += g * hxy[row + c];
                }
            }
            for (int c = 0; c < ow; c++) {
                double ux = mx[c];
                double uy = my[c];
                double vx = mxx[c] - ux * ux;
                double vy = myy[c] - uy * uy;
                double vxy = mxy[c] - ux * uy;
                double cs = (2.0 * vxy + c2) / (vx + vy + c2);
                double l = (2.0 * ux * uy + c1) / (ux * ux + uy * uy + c1);
                ssimSum += l * cs;
                csSum += cs;
            }
        }
        double n = (double) ow * oh;
        return new SsimStatistics(ssimSum / n, csSum / n);
    }
}

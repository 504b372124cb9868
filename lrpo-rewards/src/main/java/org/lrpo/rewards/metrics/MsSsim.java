package org.lrpo.rewards.metrics;

import org.lrpo.core.image.RgbImage;

/**
 * Multi-scale SSIM (Wang, Simoncelli, Bovik 2003), METHOD.md §4 component {@code ms_ssim}.
 *
 * <p>For each plane (per channel for RGB, then averaged over channels), with M scales:
 * <pre>
 *   MS-SSIM = prod_{j=1..M-1} cs_j ^ w_j  *  ssim_M ^ w_M
 * </pre>
 * where {@code cs_j} is the mean contrast-structure map at scale j, {@code ssim_M} the mean SSIM map at the
 * coarsest scale (as in Wang's reference {@code msssim.m}: the mean of l*cs, not mean(l)*mean(cs)), each computed
 * exactly as {@link Ssim} (11x11 Gaussian sigma 1.5, L = 255, valid region). Between scales the plane is
 * low-passed by a 2x2 mean and decimated by 2 ({@code msssim.m}: {@code imfilter(ones(2)/4, 'symmetric')}
 * then {@code (1:2:end)}); an odd trailing row/column is averaged with its own mirror, i.e. kept as is, and the
 * new size is {@code ceil(n / 2)}. Standard weights {@code 0.0448, 0.2856, 0.3001, 0.2363, 0.1333}.
 *
 * <p><b>Small images.</b> Five scales need the coarsest plane to hold the 11x11 window, i.e. a side of at least
 * 161 (ceil-halving four times must leave >= 11). For smaller inputs we keep the window and the standard
 * constants and use <b>fewer scales</b>: M = the largest number <= 5 whose coarsest plane still has both sides
 * >= 11, with the first M standard weights renormalised to sum 1. So 64x64 uses M = 3 (64, 32, 16) with weights
 * (0.0448, 0.2856, 0.3001) / 0.6305; 128x128 uses M = 4. Inputs under 11x11 are rejected. Changing the window
 * instead would change what "SSIM" means at the fine scales, which carry the fidelity signal.
 *
 * <p><b>Negative terms.</b> A mean cs or SSIM can be negative (anti-correlated structure), where a fractional
 * power is undefined; like {@code pytorch_msssim} we clamp each term at 0 before raising it, so MS-SSIM is in
 * [0, 1].
 */
public final class MsSsim {
    private static final String NAME = "ms_ssim";
    private static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};

    private MsSsim() {}

    /** MS-SSIM of x against gt on RGB in [0, 255]. */
    public static double compute(RgbImage x, RgbImage gt) {
        return compute(x, gt, FidelityProtocol.RGB);
    }

    /** MS-SSIM of x against gt, prepared as {@code protocol} says. */
    public static double compute(RgbImage x, RgbImage gt, FidelityProtocol protocol) {
        FidelityPlanes p = FidelityPlanes.prepare(NAME, x, gt, protocol);
        double sum = 0.0;
        for (int c = 0; c < p.x.length; c++) {
            sum += ofPlanes(p.x[c], p.gt[c]);
        }
        return sum / p.x.length;
    }

    /** The number of scales used for a {@code width x height} input (see the class comment). */
    public static int scales(int width, int height) {
        InputChecks.requireMinimumSize(NAME, width, height, SsimStatistics.WINDOW,
                "the 11x11 window must fit at the finest scale");
        int m = 1;
        int w = width;
        int h = height;
        while (m < WEIGHTS.length) {
            w = (w + 1) / 2;
            h = (h + 1) / 2;
            if (w < SsimStatistics.WINDOW || h < SsimStatistics.WINDOW) {
                break;
            }
            m++;
        }
        return m;
    }

    static double ofPlanes(Plane a, Plane b) {
        int m = scales(a.width(), a.height());
        double weightSum = 0.0;
        for (int j = 0; j < m; j++) {
            weightSum += WEIGHTS[j];
        }
        double logResult = 0.0;
        Plane pa = a;
        Plane pb = b;
        for (int j = 0; j < m; j++) {
            SsimStatistics s = SsimStatistics.of(pa, pb, 255.0);
            double term = Math.max(0.0, j == m - 1 ? s.meanSsim : s.meanCs);
            if (term == 0.0) {
                return 0.0;
            }
            logResult += WEIGHTS[j] / weightSum * Math.log(term);
            if (j < m - 1) {
                pa = halve(pa);
                pb = halve(pb);
            }
        }
        return Math.exp(logResult);
    }

    /** 2x2 mean then decimation by 2; an odd last row/column pairs with itself. */
    static Plane halve(Plane p) {
        int w = p.width();
        int h = p.height();
        int nw = (w + 1) / 2;
        int nh = (h + 1) / 2;
        double[] v = p.values();
        double[] out = new double[nw * nh];
        for (int r = 0; r < nh; r++) {
            int r0 = 2 * r;
            int r1 = Math.min(r0 + 1, h - 1);
            for (int c = 0; c < nw; c++) {
                int c0 = 2 * c;
                int c1 = Math.min(c0 + 1, w - 1);
                out[r * nw + c] = 0.25 * (v[r0 * w + c0] + v[r0 * w + c1] + v[r1 * w + c0] + v[r1 * w + c1]);
            }
        }
        return Plane.wrap(nw, nh, out);
    }
}

package org.lrpo.rewards.metrics;

/**
 * The lowpass band Yl of the 2-D dual-tree complex wavelet transform (Kingsbury), forward path only:
 * {@code near_sym_b} at level 1 and {@code qshift_b} at levels 2..J. The highpass subbands are never formed.
 *
 * <p>It reproduces {@code dtcwt.Transform2d(biort='near_sym_b', qshift='qshift_b').forward(X, nlevels=J).lowpass}
 * of the {@code dtcwt} package 0.12.0 (NumPy backend), step for step:
 * <ol>
 *   <li>Odd sizes: an odd number of rows gets the last row repeated at the bottom, an odd number of columns the
 *       last column repeated at the right (the package does this and logs a warning).</li>
 *   <li>Level 1 ({@code colfilter}): the 13-tap {@code h0o} along columns, then along rows, <b>not</b> decimated
 *       (output = input size), odd filter centred on each sample.</li>
 *   <li>Levels 2..J ({@code coldfilt}): first, a side whose length is not a multiple of 4 is extended by
 *       repeating its first and last row (or column), adding 2. Then along each axis the two 14-tap Q-shift
 *       filters run on the signal and are decimated by 2 with their outputs interleaved:
 *       {@code Ya[n] = sum_j ha[j] X(4n + 14 - 2j)}, {@code Yb[n] = sum_j hb[j] X(4n + 15 - 2j)} with
 *       {@code ha = h0b, hb = h0a}; {@code Y[2n] = Ya[n], Y[2n+1] = Yb[n]} because {@code sum(ha * hb) > 0}.</li>
 * </ol>
 * Boundaries: every filter reads beyond the edges through symmetric extension with the end sample repeated
 * (half-sample symmetric, {@code dtcwt.utils.reflect(i, -0.5, n - 0.5)}, folded as often as needed for tiny
 * planes). Output size per side: n becomes n + (n odd ? 1 : 0) before level 1, which keeps it; each later level
 * maps n to (n + (n % 4 == 0 ? 0 : 2)) / 2. So with J = 3: 512 gives 128, 64 gives 16, 75 gives 76, 38, then
 * (40) 20.
 *
 * <p>No known difference from the package in boundary handling or anything else: fed the same doubles, the
 * results agree within 4e-15 (the conformance test); from an {@code RgbImage} the float storage of k/255 adds
 * about 1e-7. The package computes in its input's dtype, so compare with float64 input.
 */
public final class DtcwtLowpass {
    private DtcwtLowpass() {}

    /** Yl of {@code plane} after {@code levels >= 1} levels. */
    public static Plane forward(Plane plane, int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("dtcwt: levels must be >= 1, got " + levels);
        }
        Plane p = extendOdd(plane);
        Stencil level1Rows = Stencil.undecimated(DtcwtFilters.NEAR_SYM_B_H0O, p.height());
        Stencil level1Cols = Stencil.undecimated(DtcwtFilters.NEAR_SYM_B_H0O, p.width());
        p = alongColumns(alongRows(p, level1Cols), level1Rows);
        for (int level = 2; level <= levels; level++) {
            p = extendToMultipleOfFour(p);
            Stencil rows = Stencil.qshiftDecimating(DtcwtFilters.QSHIFT_B_H0B, DtcwtFilters.QSHIFT_B_H0A, p.height());
            Stencil cols = Stencil.qshiftDecimating(DtcwtFilters.QSHIFT_B_H0B, DtcwtFilters.QSHIFT_B_H0A, p.width());
            p = alongColumns(alongRows(p, cols), rows);
        }
        return p;
    }

    private static Plane extendOdd(Plane p) {
        int w = p.width();
        int h = p.height();
        int nw = w + (w & 1);
        int nh = h + (h & 1);
        if (nw == w && nh == h) {
            return p;
        }
        double[] v = p.values();
        double[] out = new double[nw * nh];
        for (int r = 0; r < nh; r++) {
            int sr = Math.min(r, h - 1);
            System.arraycopy(v, sr * w, out, r * nw, w);
            if (nw > w) {
                out[r * nw + w] = v[sr * w + w - 1];
            }
        }
        return Plane.wrap(nw, nh, out);
    }

    private static Plane extendToMultipleOfFour(Plane p) {
        int w = p.width();
        int h = p.height();
        int padW = w % 4 != 0 ? 1 : 0;
        int padH = h % 4 != 0 ? 1 : 0;
        if (padW == 0 && padH == 0) {
            return p;
        }
        int nw = w + 2 * padW;
        int nh = h + 2 * padH;
        double[] v = p.values();
        double[] out = new double[nw * nh];
        for (int r = 0; r < nh; r++) {
            int sr = Math.min(Math.max(r - padH, 0), h - 1);
            int dst = r * nw;
            System.arraycopy(v, sr * w, out, dst + padW, w);
            if (padW == 1) {
                out[dst] = v[sr * w];
                out[dst + nw - 1] = v[sr * w + w - 1];
            }
        }
        return Plane.wrap(nw, nh, out);
    }

    /** Applies {@code s} to every row (filtering along x). */
    private static Plane alongRows(Plane p, Stencil s) {
        int w = p.width();
        int h = p.height();
        double[] v = p.values();
        double[] out = new double[s.outLength * h];
        for (int r = 0; r < h; r++) {
            int base = r * w;
            int dst = r * s.outLength;
            for (int n = 0; n < s.outLength; n++) {
                double sum = 0.0;
                int t = n * s.taps;
                for (int j = 0; j < s.taps; j++) {
                    sum += s.coefficients[t + j] * v[base + s.indices[t + j]];
                }
                out[dst + n] = sum;
            }
        }
        return Plane.wrap(s.outLength, h, out);
    }

    /** Applies {@code s} to every column (filtering along y), a whole row at a time. */
    private static Plane alongColumns(Plane p, Stencil s) {
        int w = p.width();
        double[] v = p.values();
        double[] out = new double[w * s.outLength];
        for (int n = 0; n < s.outLength; n++) {
            int dst = n * w;
            int t = n * s.taps;
            for (int j = 0; j < s.taps; j++) {
                double c = s.coefficients[t + j];
                int src = s.indices[t + j] * w;
                for (int x = 0; x < w; x++) {
                    out[dst + x] += c * v[src + x];
                }
            }
        }
        return Plane.wrap(w, s.outLength, out);
    }

    /** A 1-D linear map {@code out[n] = sum_j coefficients[n][j] * in[indices[n][j]]}, boundary folded in. */
    private static final class Stencil {
        final int outLength;
        final int taps;
        final int[] indices;
        final double[] coefficients;

        private Stencil(int outLength, int taps) {
            this.outLength = outLength;
            this.taps = taps;
            this.indices = new int[outLength * taps];
            this.coefficients = new double[outLength * taps];
        }

        /** {@code colfilter}: odd-length h, {@code out[n] = sum_k h[k] X(n + m/2 - k)}. */
        static Stencil undecimated(double[] h, int length) {
            int m = h.length;
            int half = m / 2;
            Stencil s = new Stencil(length, m);
            for (int n = 0; n < length; n++) {
                for (int k = 0; k < m; k++) {
                    s.indices[n * m + k] = reflect(n + half - k, length);
                    s.coefficients[n * m + k] = h[k];
                }
            }
            return s;
        }

        /** {@code coldfilt(X, ha, hb)} for even-length Q-shift filters; {@code length % 4 == 0}. */
        static Stencil qshiftDecimating(double[] ha, double[] hb, int length) {
            if (length % 4 != 0) {
                throw new IllegalStateException("coldfilt needs a length divisible by 4, got " + length);
            }
            int m = ha.length;
            double dot = 0.0;
            for (int j = 0; j < m; j++) {
                dot += ha[j] * hb[j];
            }
            // The package puts Ya on even outputs when sum(ha * hb) > 0, else on odd ones.
            int aPhase = dot > 0 ? 0 : 1;
            Stencil s = new Stencil(length / 2, m);
            for (int n = 0; n < length / 4; n++) {
                int rowA = (2 * n + aPhase) * m;
                int rowB = (2 * n + 1 - aPhase) * m;
                for (int j = 0; j < m; j++) {
                    s.indices[rowA + j] = reflect(4 * n + m - 2 * j, length);
                    s.coefficients[rowA + j] = ha[j];
                    s.indices[rowB + j] = reflect(4 * n + m + 1 - 2 * j, length);
                    s.coefficients[rowB + j] = hb[j];
                }
            }
            return s;
        }

        /** Half-sample symmetric extension: ... 1 0 | 0 1 ... n-1 | n-1 n-2 ..., folded repeatedly. */
        static int reflect(int i, int n) {
            int period = 2 * n;
            int q = Math.floorMod(i, period);
            return q < n ? q : period - 1 - q;
        }
    }
}

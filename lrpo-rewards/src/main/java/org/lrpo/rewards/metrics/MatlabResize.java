package org.lrpo.rewards.metrics;

/**
 * Halving a plane as MATLAB's {@code imresize(I, 0.5)} does by default (bicubic, a = -0.5, with
 * antialiasing), which NIQE uses for its second scale.
 *
 * <p>For scale s = 1/2 the kernel is {@code s * cubic(s * d)} (width 8 input samples); output sample j (1-based)
 * sits at input coordinate {@code u = j / s + 0.5 (1 - 1 / s) = 2j - 0.5} and takes input samples
 * {@code floor(u - 4) .. floor(u - 4) + 9} with weights normalised to sum 1; samples outside the image are
 * mirrored with the edge repeated ({@code [1..n, n..1]}). Rows first, then columns. Output size
 * {@code ceil(n / 2)}.
 */
final class MatlabResize {
    private static final int TAPS = 10;

    private MatlabResize() {}

    static Plane half(Plane p) {
        int w = p.width();
        int h = p.height();
        int ow = (w + 1) / 2;
        int oh = (h + 1) / 2;
        int[] rowIdx = new int[oh * TAPS];
        double[] rowW = new double[oh * TAPS];
        weights(h, oh, rowIdx, rowW);
        int[] colIdx = new int[ow * TAPS];
        double[] colW = new double[ow * TAPS];
        weights(w, ow, colIdx, colW);
        double[] v = p.values();
        double[] tmp = new double[oh * w];
        for (int r = 0; r < oh; r++) {
            for (int t = 0; t < TAPS; t++) {
                double c = rowW[r * TAPS + t];
                int src = rowIdx[r * TAPS + t] * w;
                for (int x = 0; x < w; x++) {
                    tmp[r * w + x] += c * v[src + x];
                }
            }
        }
        double[] out = new double[oh * ow];
        for (int r = 0; r < oh; r++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int t = 0; t < TAPS; t++) {
                    s += colW[x * TAPS + t] * tmp[r * w + colIdx[x * TAPS + t]];
                }
                out[r * ow + x] = s;
            }
        }
        return Plane.wrap(ow, oh, out);
    }

    private static void weights(int inLength, int outLength, int[] idx, double[] wts) {
        for (int j = 1; j <= outLength; j++) {
            double u = 2.0 * j - 0.5;
            int left = (int) Math.floor(u - 4.0);
            double sum = 0;
            for (int t = 0; t < TAPS; t++) {
                int k = left + t;
                double wt = 0.5 * cubic(0.5 * (u - k));
                wts[(j - 1) * TAPS + t] = wt;
                idx[(j - 1) * TAPS + t] = mirror(k - 1, inLength);
                sum += wt;
            }
            for (int t = 0; t < TAPS; t++) {
                wts[(j - 1) * TAPS + t] /= sum;
            }
        }
    }

    private static double cubic(double x) {
        double a = Math.abs(x);
        double a2 = a * a;
        double a3 = a2 * a;
        if (a <= 1) {
            return 1.5 * a3 - 2.5 * a2 + 1;
        }
        if (a <= 2) {
            return -0.5 * a3 + 2.5 * a2 - 4 * a + 2;
        }
        return 0;
    }

    /** 0-based index folded into [0, n) with the edge sample repeated. */
    private static int mirror(int i, int n) {
        int q = Math.floorMod(i, 2 * n);
        return q < n ? q : 2 * n - 1 - q;
    }
}

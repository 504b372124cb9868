package org.lrpo.rewards.metrics;

/**
 * The 36 NIQE features of each block of a luma plane (Mittal, Soundararajan, Bovik 2013; MATLAB
 * {@code computefeature.m}, {@code computemean}-free version with no block overlap).
 *
 * <p>Per scale (the plane, then the plane halved by {@link MatlabResize}): MSCN coefficients
 * {@code (I - mu) / (sigma + 1)}, with mu and sigma^2 = |G*I^2 - mu^2| from a 7x7 Gaussian window of
 * sigma 7/6 (normalised; replicate borders). The plane is first cropped to whole blocks; blocks are
 * {@code B x B} at scale 1 and {@code B/2 x B/2} at scale 2 over the same regions. Per block and scale,
 * 18 numbers: AGGD fit of the MSCN values (alpha, (beta_l + beta_r) / 2), then for each neighbour direction
 * (right, down, down-right, down-left; circular within the block, like MATLAB's {@code circshift}) the AGGD fit
 * of the products of each coefficient with its shifted neighbour: (alpha, mean, beta_l, beta_r).
 * Also the block's sharpness: the mean of the scale-1 sigma over the block, used to pick pristine patches.
 */
final class NiqeFeatures {
    static final int COUNT = 36;
    private static final double[] WINDOW = window();
    private static final int[][] SHIFTS = {{0, 1}, {1, 0}, {1, 1}, {1, -1}};

    /** features[block][36]; blocks in column-major block order (as the reference loops). */
    final double[][] features;
    /** sharpness[block]. */
    final double[] sharpness;

    private NiqeFeatures(double[][] features, double[] sharpness) {
        this.features = features;
        this.sharpness = sharpness;
    }

    private static double[] window() {
        double[] k = new double[7];
        double s = 0;
        double sigma = 7.0 / 6.0;
        for (int i = 0; i < 7; i++) {
            k[i] = Math.exp(-0.5 * (i - 3) * (i - 3) / (sigma * sigma));
            s += k[i];
        }
        for (int i = 0; i < 7; i++) {
            k[i] /= s;
        }
        return k;
    }

    static NiqeFeatures of(Plane luma, int blockSize) {
        int bw = luma.width() / blockSize;
        int bh = luma.height() / blockSize;
        if (bw < 1 || bh < 1) {
            throw new IllegalArgumentException("niqe: the image is " + luma.width() + "x" + luma.height()
                    + " but must hold at least one " + blockSize + "x" + blockSize + " block");
        }
        Plane img = cropTo(luma, bw * blockSize, bh * blockSize);
        int blocks = bw * bh;
        double[][] feats = new double[blocks][COUNT];
        double[] sharpness = new double[blocks];
        for (int scale = 1; scale <= 2; scale++) {
            double[][] mscnAndSigma = mscn(img);
            int b = blockSize / scale;
            double[] buf = new double[b * b];
            double[] prod = new double[b * b];
            for (int bx = 0; bx < bw; bx++) {
                for (int by = 0; by < bh; by++) {
                    int block = bx * bh + by;
                    copyBlock(mscnAndSigma[0], img.width(), bx * b, by * b, b, buf);
                    if (scale == 1) {
                        copyBlock(mscnAndSigma[1], img.width(), bx * b, by * b, b, prod);
                        double s = 0;
                        for (double d : prod) {
                            s += d;
                        }
                        sharpness[block] = s / prod.length;
                    }
                    blockFeatures(buf, b, prod, feats[block], (scale - 1) * 18);
                }
            }
            if (scale == 1) {
                img = MatlabResize.half(img);
            }
        }
        return new NiqeFeatures(feats, sharpness);
    }

    private static void blockFeatures(double[] block, int b, double[] prod, double[] out, int at) {
        AggdFit f = AggdFit.fit(block, block.length);
        out[at] = f.alpha();
        out[at + 1] = (f.betaLeft() + f.betaRight()) / 2;
        for (int s = 0; s < 4; s++) {
            int dy = SHIFTS[s][0];
            int dx = SHIFTS[s][1];
            for (int y = 0; y < b; y++) {
                int sy = Math.floorMod(y - dy, b);
                for (int x = 0; x < b; x++) {
                    prod[y * b + x] = block[y * b + x] * block[sy * b + Math.floorMod(x - dx, b)];
                }
            }
            AggdFit g = AggdFit.fit(prod, prod.length);
            int o = at + 2 + 4 * s;
            out[o] = g.alpha();
            out[o + 1] = g.mean();
            out[o + 2] = g.betaLeft();
            out[o + 3] = g.betaRight();
        }
    }

    private static void copyBlock(double[] src, int width, int x0, int y0, int b, double[] dst) {
        for (int y = 0; y < b; y++) {
            System.arraycopy(src, (y0 + y) * width + x0, dst, y * b, b);
        }
    }

    private static Plane cropTo(Plane p, int w, int h) {
        if (p.width() == w && p.height() == h) {
            return p;
        }
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(p.values(), y * p.width(), out, y * w, w);
        }
        return Plane.wrap(w, h, out);
    }

    /** {MSCN, sigma} planes of {@code p}. */
    static double[][] mscn(Plane p) {
        int w = p.width();
        int h = p.height();
        double[] v = p.values();
        double[] sq = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            sq[i] = v[i] * v[i];
        }
        double[] mu = blur(v, w, h);
        double[] mu2 = blur(sq, w, h);
        double[] mscn = new double[v.length];
        double[] sigma = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            sigma[i] = Math.sqrt(Math.abs(mu2[i] - mu[i] * mu[i]));
            mscn[i] = (v[i] - mu[i]) / (sigma[i] + 1);
        }
        return new double[][] {mscn, sigma};
    }

    /** Separable 7x7 Gaussian with replicated borders ({@code mode='nearest'}). */
    private static double[] blur(double[] v, int w, int h) {
        double[] tmp = new double[v.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int k = 0; k < 7; k++) {
                    int xx = Math.min(Math.max(x + k - 3, 0), w - 1);
                    s += WINDOW[k] * v[y * w + xx];
                }
                tmp[y * w + x] = s;
            }
        }
        double[] out = new double[v.length];
        for (int y = 0; y < h; y++) {
            for (int k = 0; k < 7; k++) {
                int yy = Math.min(Math.max(y + k - 3, 0), h - 1);
                double c = WINDOW[k];
                for (int x = 0; x < w; x++) {
                    out[y * w + x] += c * tmp[yy * w + x];
                }
            }
        }
        return out;
    }
}

package org.lrpo.rewards.metrics;

import org.lrpo.core.image.RgbImage;

/**
 * Turns a checked (x, gt) pair into the planes a fidelity metric compares, following a
 * {@link FidelityProtocol}: optional colour correction of x, border crop, then RGB or Y on [0, 255].
 */
final class FidelityPlanes {
    /** Planes of x and of gt, index-aligned (three for RGB, one for Y). */
    final Plane[] x;
    final Plane[] gt;

    private FidelityPlanes(Plane[] x, Plane[] gt) {
        this.x = x;
        this.gt = gt;
    }

    static FidelityPlanes prepare(String metric, RgbImage x, RgbImage gt, FidelityProtocol protocol) {
        InputChecks.requireComparable(metric, x, gt);
        int crop = protocol.cropBorder();
        int w = x.width() - 2 * crop;
        int h = x.height() - 2 * crop;
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException(metric + ": cropping " + crop + " pixels from each edge of a "
                    + x.width() + "x" + x.height() + " image leaves nothing");
        }
        double[][] xc = protocol.colourCorrection()
                ? VqfrColourCorrection.correct(x, gt)
                : rawChannels(x);
        double[][] gc = rawChannels(gt);
        return new FidelityPlanes(
                convert(xc, x.width(), crop, w, h, protocol.space()),
                convert(gc, gt.width(), crop, w, h, protocol.space()));
    }

    private static double[][] rawChannels(RgbImage image) {
        return new double[][] {
            Plane.ofChannel(image, 0).values(), Plane.ofChannel(image, 1).values(), Plane.ofChannel(image, 2).values()
        };
    }

    private static Plane[] convert(double[][] rgb01, int fullWidth, int crop, int w, int h, ChannelSpace space) {
        if (space == ChannelSpace.Y) {
            double[] y = new double[w * h];
            for (int r = 0; r < h; r++) {
                int src = (r + crop) * fullWidth + crop;
                for (int c = 0; c < w; c++) {
                    int i = src + c;
                    // MATLAB rgb2ycbcr for double input in [0, 1]; the result is already on the 0..255 scale.
                    y[r * w + c] = 16.0 + 65.481 * rgb01[0][i] + 128.553 * rgb01[1][i] + 24.966 * rgb01[2][i];
                }
            }
            return new Plane[] {Plane.wrap(w, h, y)};
        }
        Plane[] out = new Plane[3];
        for (int ch = 0; ch < 3; ch++) {
            double[] v = new double[w * h];
            for (int r = 0; r < h; r++) {
                int src = (r + crop) * fullWidth + crop;
                for (int c = 0; c < w; c++) {
                    v[r * w + c] = 255.0 * rgb01[ch][src + c];
                }
            }
            out[ch] = Plane.wrap(w, h, v);
        }
        return out;
    }
}

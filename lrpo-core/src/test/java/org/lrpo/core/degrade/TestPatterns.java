package org.lrpo.core.degrade;

import org.lrpo.core.image.RgbImage;

/** Deterministic test images: one full of edges and fine texture, one smooth. */
final class TestPatterns {
    private TestPatterns() {}

    /**
     * A checkerboard, stripes and a disc edge: plenty of energy at high spatial frequencies. The detail is
     * in the luminance (each channel is the same pattern, tinted), as in photographs: JPEG keeps
     * luminance at full resolution but halves chroma, so chroma-only detail would be lost to JPEG alone.
     */
    static RgbImage detailed(int w, int h) {
        float[] tint = {0.95f, 0.8f, 0.65f};
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double cx = x - w / 2.0;
                double cy = y - h / 2.0;
                boolean disc = cx * cx + cy * cy < (w * h) / 10.0;
                boolean checker = ((x / 2) + (y / 2)) % 2 == 0;
                double stripes = 0.5 + 0.4 * Math.sin(x * 1.3 + y * 0.4);
                double lum = disc ? stripes : (checker ? 0.15 : 0.9);
                int i = y * w + x;
                for (int c = 0; c < 3; c++) {
                    v[c * w * h + i] = (float) (0.05 + tint[c] * lum);
                }
            }
        }
        return RgbImage.wrap(w, h, v);
    }

    /** Slow colour ramps only. */
    static RgbImage smooth(int w, int h) {
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                v[i] = 0.2f + 0.6f * x / (w - 1);
                v[w * h + i] = 0.3f + 0.4f * y / (h - 1);
                v[2 * w * h + i] = (float) (0.5 + 0.2 * Math.sin((x + y) / 15.0));
            }
        }
        return RgbImage.wrap(w, h, v);
    }

    /** Mean squared difference between horizontal and vertical neighbours: the high-frequency energy. */
    static double gradientEnergy(RgbImage img) {
        int w = img.width();
        int h = img.height();
        double s = 0;
        long n = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h - 1; y++) {
                for (int x = 0; x < w - 1; x++) {
                    double v = img.get(c, y, x);
                    double dx = img.get(c, y, x + 1) - v;
                    double dy = img.get(c, y + 1, x) - v;
                    s += dx * dx + dy * dy;
                    n++;
                }
            }
        }
        return s / n;
    }
}

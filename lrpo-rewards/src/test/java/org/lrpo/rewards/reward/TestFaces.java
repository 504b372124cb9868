package org.lrpo.rewards.reward;

import org.lrpo.core.image.RgbImage;

/** Simple, exactly defined degradations for reward tests. */
final class TestFaces {
    private TestFaces() {}

    /** Separable (2r+1)-box blur with edge clamping. */
    static RgbImage boxBlur(RgbImage image, int r) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        float[] src = image.chw();
        float[] tmp = new float[src.length];
        float[] out = new float[src.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int k = -r; k <= r; k++) {
                        s += src[c * n + y * w + Math.min(Math.max(x + k, 0), w - 1)];
                    }
                    tmp[c * n + y * w + x] = (float) (s / (2 * r + 1));
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int k = -r; k <= r; k++) {
                        s += tmp[c * n + Math.min(Math.max(y + k, 0), h - 1) * w + x];
                    }
                    out[c * n + y * w + x] = (float) (s / (2 * r + 1));
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    /** 1 - v per value: the photographic negative. */
    static RgbImage inverted(RgbImage image) {
        float[] v = image.chw().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = 1f - v[i];
        }
        return RgbImage.wrap(image.width(), image.height(), v);
    }
}

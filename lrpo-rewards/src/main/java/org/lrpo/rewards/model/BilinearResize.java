package org.lrpo.rewards.model;

/**
 * Bilinear resizing of (C, H, W) float planes with PyTorch's convention,
 * {@code F.interpolate(x, size=(h, w), mode='bilinear', align_corners=False)} (no antialiasing), so a
 * scoring network sees the input its authors' preprocessing gives it:
 *
 * <pre>
 * src   = max(0, (dst + 0.5) * in / out - 0.5)        half-pixel centres, per axis
 * i0    = floor(src),  i1 = min(i0 + 1, in - 1),  l = src - i0
 * value = (1 - l) * p[i0] + l * p[i1]                  along y, then x
 * </pre>
 *
 * Downscaling by large factors aliases, as in PyTorch without {@code antialias=True}.
 */
final class BilinearResize {
    private BilinearResize() {
    }

    /** Resizes {@code channels} planes of {@code inH x inW} into {@code out} at {@code outOffset}. */
    static void resize(float[] src, int channels, int inH, int inW, float[] out, int outOffset, int outH, int outW) {
        if (inH == outH && inW == outW) {
            System.arraycopy(src, 0, out, outOffset, channels * inH * inW);
            return;
        }
        int[] y0 = new int[outH];
        int[] y1 = new int[outH];
        float[] ly = new float[outH];
        axis(inH, outH, y0, y1, ly);
        int[] x0 = new int[outW];
        int[] x1 = new int[outW];
        float[] lx = new float[outW];
        axis(inW, outW, x0, x1, lx);
        for (int c = 0; c < channels; c++) {
            int plane = c * inH * inW;
            int dst = outOffset + c * outH * outW;
            for (int y = 0; y < outH; y++) {
                int r0 = plane + y0[y] * inW;
                int r1 = plane + y1[y] * inW;
                float wy1 = ly[y];
                float wy0 = 1f - wy1;
                for (int x = 0; x < outW; x++) {
                    float wx1 = lx[x];
                    float wx0 = 1f - wx1;
                    out[dst + y * outW + x] = wy0 * (wx0 * src[r0 + x0[x]] + wx1 * src[r0 + x1[x]])
                            + wy1 * (wx0 * src[r1 + x0[x]] + wx1 * src[r1 + x1[x]]);
                }
            }
        }
    }

    private static void axis(int in, int out, int[] i0, int[] i1, float[] lambda) {
        float scale = (float) in / out;
        for (int d = 0; d < out; d++) {
            float src = Math.max(0f, (d + 0.5f) * scale - 0.5f);
            int lo = Math.min((int) src, in - 1);
            i0[d] = lo;
            i1[d] = Math.min(lo + 1, in - 1);
            lambda[d] = src - lo;
        }
    }
}

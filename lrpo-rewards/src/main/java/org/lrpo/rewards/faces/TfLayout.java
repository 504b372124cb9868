package org.lrpo.rewards.faces;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Moves TF.js weights into the layouts PyTorch's kernels expect. TensorFlow stores conv kernels as
 * HWIO (height, width, in, out) and depthwise kernels as (height, width, channels, multiplier);
 * PyTorch wants OIHW, and a depthwise conv is a grouped conv with weight (channels * multiplier, 1, H, W).
 */
final class TfLayout {
    private TfLayout() {
    }

    /** HWIO conv kernel to OIHW. */
    static NDArray convKernel(NDManager manager, TfjsTensor t) {
        requireRank(t, 4);
        int[] s = t.shape();
        float[] v = t.values();
        int kh = s[0], kw = s[1], in = s[2], out = s[3];
        float[] oihw = new float[v.length];
        for (int h = 0; h < kh; h++) {
            for (int w = 0; w < kw; w++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        oihw[((o * in + i) * kh + h) * kw + w] = v[((h * kw + w) * in + i) * out + o];
                    }
                }
            }
        }
        return manager.create(oihw, new Shape(out, in, kh, kw));
    }

    /** (H, W, C, M) depthwise kernel to the grouped-conv weight (C * M, 1, H, W); output channel c * M + m. */
    static NDArray depthwiseKernel(NDManager manager, TfjsTensor t) {
        requireRank(t, 4);
        int[] s = t.shape();
        float[] v = t.values();
        int kh = s[0], kw = s[1], c = s[2], m = s[3];
        float[] out = new float[v.length];
        for (int h = 0; h < kh; h++) {
            for (int w = 0; w < kw; w++) {
                for (int ci = 0; ci < c; ci++) {
                    for (int mi = 0; mi < m; mi++) {
                        out[((ci * m + mi) * kh + h) * kw + w] = v[((h * kw + w) * c + ci) * m + mi];
                    }
                }
            }
        }
        return manager.create(out, new Shape((long) c * m, 1, kh, kw));
    }

    /** A per-channel vector (bias, scale) shaped (1, C, 1, 1) to broadcast over NCHW activations. */
    static NDArray channelVector(NDManager manager, TfjsTensor t) {
        requireRank(t, 1);
        return manager.create(t.values(), new Shape(1, t.shape()[0], 1, 1));
    }

    /** A plain vector, shape (n). */
    static NDArray vector(NDManager manager, TfjsTensor t) {
        requireRank(t, 1);
        return manager.create(t.values(), new Shape(t.shape()[0]));
    }

    /** A (in, out) matrix used as {@code x.matMul(w)}, same layout in both frameworks. */
    static NDArray matrix(NDManager manager, TfjsTensor t) {
        requireRank(t, 2);
        return manager.create(t.values(), new Shape(t.shape()[0], t.shape()[1]));
    }

    private static void requireRank(TfjsTensor t, int rank) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException("weight " + t.name() + " has rank " + t.rank() + ", expected " + rank);
        }
    }
}

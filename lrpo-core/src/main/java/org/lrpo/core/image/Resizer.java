package org.lrpo.core.image;

import java.util.Objects;

/**
 * Resamples an {@link RgbImage} to any size with a bilinear or bicubic filter, antialiased when
 * shrinking: the same arithmetic as PIL's {@code Image.resize} and PyTorch's
 * {@code F.interpolate(mode='bilinear'|'bicubic', antialias=True, align_corners=False)}.
 *
 * <p>Per axis, with input size {@code n}, output size {@code m} and {@code s = n / m}: output sample
 * {@code i} sits at input coordinate {@code c = s (i + 0.5)} (pixel centres, i.e. align_corners=False).
 * When shrinking ({@code s > 1}) the filter is stretched by {@code s}, so each output averages over the
 * whole footprint it covers instead of sampling a few input pixels (which would alias); when enlarging it
 * is the plain filter. Input pixel {@code j} gets weight {@code f((j + 0.5 - c) / max(s, 1))} for
 * {@code j} within the support {@code [c - R max(s, 1), c + R max(s, 1)]} ({@code R} = 1 bilinear,
 * 2 bicubic), clipped to the image, and the weights are normalised to sum to one (so borders need no
 * padding). {@code f} is the triangle {@code 1 - |x|} or Keys' cubic with {@code a = -0.5} (PIL's and
 * PyTorch's choice for antialiased bicubic). Rows are resampled first, then columns.
 *
 * <p>Bicubic can overshoot; the result is clamped to [0, 1] so it stays a valid {@link RgbImage}.
 */
public final class Resizer {
    private Resizer() {}

    /** The interpolation kernel. */
    public enum Filter {
        /** Triangle filter, support radius 1. */
        BILINEAR(1.0),
        /** Keys' cubic convolution with a = -0.5, support radius 2. */
        BICUBIC(2.0);

        private final double radius;

        Filter(double radius) {
            this.radius = radius;
        }

        double weight(double x) {
            double t = Math.abs(x);
            if (this == BILINEAR) {
                return t < 1.0 ? 1.0 - t : 0.0;
            }
            final double a = -0.5;
            if (t < 1.0) {
                return ((a + 2.0) * t - (a + 3.0)) * t * t + 1.0;
            }
            if (t < 2.0) {
                return (((t - 5.0) * t + 8.0) * t - 4.0) * a;
            }
            return 0.0;
        }
    }

    /**
     * {@code image} resampled to {@code width x height}.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static RgbImage resize(RgbImage image, int width, int height, Filter filter) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(filter, "filter");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        int w = image.width();
        int h = image.height();
        if (w == width && h == height) {
            return image.copy();
        }
        float[] data = image.chw();
        if (w != width) {
            data = resampleRows(data, w, h, width, Taps.of(w, width, filter));
        }
        if (h != height) {
            data = resampleColumns(data, width, h, height, Taps.of(h, height, filter));
        }
        if (filter == Filter.BICUBIC) {
            for (int i = 0; i < data.length; i++) {
                data[i] = Math.min(1f, Math.max(0f, data[i]));
            }
        }
        return RgbImage.wrap(width, height, data);
    }

    /** (3, h, w) -> (3, h, outW), along x. */
    private static float[] resampleRows(float[] in, int w, int h, int outW, Taps taps) {
        float[] out = new float[3 * h * outW];
        for (int row = 0; row < 3 * h; row++) {
            int src = row * w;
            int dst = row * outW;
            for (int i = 0; i < outW; i++) {
                int start = taps.start[i];
                int base = i * taps.stride;
                float acc = 0f;
                for (int k = 0; k < taps.count[i]; k++) {
                    acc += taps.weights[base + k] * in[src + start + k];
                }
                out[dst + i] = acc;
            }
        }
        return out;
    }

    /** (3, h, w) -> (3, outH, w), along y; runs along rows of the output for cache-friendly access. */
    private static float[] resampleColumns(float[] in, int w, int h, int outH, Taps taps) {
        float[] out = new float[3 * outH * w];
        for (int c = 0; c < 3; c++) {
            int inPlane = c * h * w;
            int outPlane = c * outH * w;
            for (int i = 0; i < outH; i++) {
                int dst = outPlane + i * w;
                int base = i * taps.stride;
                for (int k = 0; k < taps.count[i]; k++) {
                    float wk = taps.weights[base + k];
                    int src = inPlane + (taps.start[i] + k) * w;
                    for (int x = 0; x < w; x++) {
                        out[dst + x] += wk * in[src + x];
                    }
                }
            }
        }
        return out;
    }

    /** For each output index along one axis: the first input index, the number of taps, their weights. */
    private static final class Taps {
        final int[] start;
        final int[] count;
        final float[] weights;
        final int stride;

        private Taps(int[] start, int[] count, float[] weights, int stride) {
            this.start = start;
            this.count = count;
            this.weights = weights;
            this.stride = stride;
        }

        static Taps of(int inSize, int outSize, Filter filter) {
            double scale = (double) inSize / outSize;
            double stretch = Math.max(scale, 1.0);
            double support = filter.radius * stretch;
            int stride = (int) Math.ceil(support) * 2 + 1;
            int[] start = new int[outSize];
            int[] count = new int[outSize];
            float[] weights = new float[outSize * stride];
            double[] w = new double[stride];
            for (int i = 0; i < outSize; i++) {
                double centre = scale * (i + 0.5);
                // Truncation toward zero, then clipping, exactly as PIL/PyTorch pick the window.
                int lo = Math.max((int) (centre - support + 0.5), 0);
                int hi = Math.min((int) (centre + support + 0.5), inSize);
                int n = hi - lo;
                double total = 0.0;
                for (int k = 0; k < n; k++) {
                    w[k] = filter.weight((lo + k - centre + 0.5) / stretch);
                    total += w[k];
                }
                for (int k = 0; k < n; k++) {
                    weights[i * stride + k] = (float) (total != 0.0 ? w[k] / total : 0.0);
                }
                start[i] = lo;
                count[i] = n;
            }
            return new Taps(start, count, weights, stride);
        }
    }
}

package org.lrpo.core.degrade;

import org.lrpo.core.image.RgbImage;

/**
 * The blur {@code hq * k_sigma} of METHOD section 8: a (possibly anisotropic, rotated) Gaussian kernel, as
 * in BasicSR's {@code bivariate_Gaussian} used by CodeFormer, DiffBIR and GFPGAN.
 *
 * <p>On the integer grid {@code p = (x, y)}, {@code x, y in [-(size-1)/2, (size-1)/2]}, the kernel is
 * {@code k(p) = exp(-p^T S^-1 p / 2)} normalised to sum 1, with
 * {@code S = R(theta) diag(sigmaX^2, sigmaY^2) R(theta)^T}. Borders are extended by reflection without
 * repeating the edge pixel ("reflect 101", OpenCV's {@code filter2D} default, which those pipelines use).
 * An isotropic kernel is separable and is applied as two 1-D passes (same kernel, far fewer operations).
 */
final class GaussianBlur {
    private GaussianBlur() {}

    /** The normalised {@code size x size} kernel, row-major (y then x). */
    static float[] kernel(int size, double sigmaX, double sigmaY, double theta) {
        checkSize(size);
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        // S^-1 = R diag(1/sx^2, 1/sy^2) R^T
        double ix = 1.0 / (sigmaX * sigmaX);
        double iy = 1.0 / (sigmaY * sigmaY);
        double a = c * c * ix + s * s * iy;
        double b = c * s * (ix - iy);
        double d = s * s * ix + c * c * iy;
        int half = size / 2;
        double[] k = new double[size * size];
        double total = 0.0;
        for (int y = -half; y <= half; y++) {
            for (int x = -half; x <= half; x++) {
                double v = Math.exp(-0.5 * (a * x * x + 2.0 * b * x * y + d * y * y));
                k[(y + half) * size + (x + half)] = v;
                total += v;
            }
        }
        float[] out = new float[k.length];
        for (int i = 0; i < k.length; i++) {
            out[i] = (float) (k[i] / total);
        }
        return out;
    }

    /** The normalised 1-D Gaussian of an isotropic kernel; its outer product is {@link #kernel}. */
    static float[] kernel1d(int size, double sigma) {
        checkSize(size);
        int half = size / 2;
        double[] k = new double[size];
        double total = 0.0;
        for (int x = -half; x <= half; x++) {
            k[x + half] = Math.exp(-0.5 * x * x / (sigma * sigma));
            total += k[x + half];
        }
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) (k[i] / total);
        }
        return out;
    }

    /** {@code image} convolved with the kernel of the given shape. */
    static RgbImage apply(RgbImage image, int size, double sigmaX, double sigmaY, double theta) {
        if (sigmaX == sigmaY) {
            // Rotation does not change an isotropic kernel.
            float[] k = kernel1d(size, sigmaX);
            return separable(image, k);
        }
        return full(image, kernel(size, sigmaX, sigmaY, theta), size);
    }

    private static RgbImage separable(RgbImage image, float[] k) {
        int w = image.width();
        int h = image.height();
        int half = k.length / 2;
        float[] in = image.chw();
        float[] tmp = new float[in.length];
        float[] out = new float[in.length];
        int[] xIndex = reflectIndices(w, half);
        int[] yIndex = reflectIndices(h, half);
        for (int row = 0; row < 3 * h; row++) {
            int base = row * w;
            for (int x = 0; x < w; x++) {
                float acc = 0f;
                for (int t = 0; t < k.length; t++) {
                    acc += k[t] * in[base + xIndex[x + t]];
                }
                tmp[base + x] = acc;
            }
        }
        for (int c = 0; c < 3; c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                int dst = plane + y * w;
                for (int t = 0; t < k.length; t++) {
                    float kt = k[t];
                    int src = plane + yIndex[y + t] * w;
                    for (int x = 0; x < w; x++) {
                        out[dst + x] += kt * tmp[src + x];
                    }
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    private static RgbImage full(RgbImage image, float[] k, int size) {
        int w = image.width();
        int h = image.height();
        int half = size / 2;
        int pw = w + 2 * half;
        int ph = h + 2 * half;
        int[] xIndex = reflectIndices(w, half);
        int[] yIndex = reflectIndices(h, half);
        float[] in = image.chw();
        float[] padded = new float[pw * ph];
        float[] out = new float[in.length];
        for (int c = 0; c < 3; c++) {
            int plane = c * h * w;
            for (int py = 0; py < ph; py++) {
                int src = plane + yIndex[py] * w;
                for (int px = 0; px < pw; px++) {
                    padded[py * pw + px] = in[src + xIndex[px]];
                }
            }
            // Tap-major loops keep the innermost loop a contiguous multiply-add the JIT vectorises.
            for (int y = 0; y < h; y++) {
                int dst = plane + y * w;
                for (int ky = 0; ky < size; ky++) {
                    int srcRow = (y + ky) * pw;
                    for (int kx = 0; kx < size; kx++) {
                        float kv = k[ky * size + kx];
                        int src = srcRow + kx;
                        for (int x = 0; x < w; x++) {
                            out[dst + x] += kv * padded[src + x];
                        }
                    }
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    /** For padded positions {@code 0 .. n + 2 half - 1}: the source index under reflect-101. */
    static int[] reflectIndices(int n, int half) {
        int[] idx = new int[n + 2 * half];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = reflect101(i - half, n);
        }
        return idx;
    }

    private static int reflect101(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    private static void checkSize(int size) {
        if (size < 1 || size % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and positive, got " + size);
        }
    }
}

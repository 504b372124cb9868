package org.lrpo.core.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.testing.PythonReference;

class GaussianBlurTest {

    @Test
    void kernelHasTheCovarianceOfItsSigmaMatrix() {
        // A kernel wide enough to hold the whole Gaussian has second moments S = R diag(sx^2, sy^2) R^T.
        double sx = 3.0;
        double sy = 1.5;
        double theta = 0.6;
        int size = 41;
        float[] k = GaussianBlur.kernel(size, sx, sy, theta);
        double sum = 0;
        double mxx = 0;
        double mxy = 0;
        double myy = 0;
        int half = size / 2;
        for (int y = -half; y <= half; y++) {
            for (int x = -half; x <= half; x++) {
                double v = k[(y + half) * size + x + half];
                sum += v;
                mxx += v * x * x;
                mxy += v * x * y;
                myy += v * y * y;
            }
        }
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        assertEquals(1.0, sum, 1e-6);
        // Sampling a Gaussian on the integer grid adds ~1/12 of sampling error at most; 1% is ample.
        assertEquals(c * c * sx * sx + s * s * sy * sy, mxx, 0.01 * sx * sx);
        assertEquals(c * s * (sx * sx - sy * sy), mxy, 0.01 * sx * sx);
        assertEquals(s * s * sx * sx + c * c * sy * sy, myy, 0.01 * sx * sx);
    }

    @Test
    void matchesBasicSrKernelWithScipyCorrelate() throws Exception {
        String why = PythonReference.unavailableReason("numpy", "scipy.ndimage");
        assertNull(why, () -> "scipy reference unavailable: " + why);
        // size, sigmaX, sigmaY, theta, width, height
        double[][] cases = {
            {5, 1.2, 0.4, 0.7, 13, 11},
            {41, 12, 3, -2.5, 48, 40},
            {7, 2, 2, 0, 20, 20},        // isotropic: the separable path
            {41, 12, 6, 1.0, 9, 7},      // kernel far wider than the image: repeated reflection
            {3, 0.1, 0.1, 0, 6, 5},      // nearly the identity
        };
        StringBuilder in = new StringBuilder();
        RgbImage[] images = new RgbImage[cases.length];
        for (int i = 0; i < cases.length; i++) {
            double[] c = cases[i];
            images[i] = random((int) c[4], (int) c[5], 50 + i);
            in.append((int) c[0]).append(' ').append(c[1]).append(' ').append(c[2]).append(' ').append(c[3])
                    .append(' ').append((int) c[5]).append(' ').append((int) c[4]);
            for (float v : images[i].chw()) {
                in.append(' ').append(v);
            }
            in.append('\n');
        }
        List<String> lines = PythonReference.runWithInput("blur_reference.py", in.toString());
        assertEquals(cases.length, lines.size());
        for (int i = 0; i < cases.length; i++) {
            double[] c = cases[i];
            RgbImage out = GaussianBlur.apply(images[i], (int) c[0], c[1], c[2], c[3]);
            String[] want = lines.get(i).trim().split(" ");
            assertEquals(out.size(), want.length);
            double worst = 0;
            for (int j = 0; j < want.length; j++) {
                worst = Math.max(worst, Math.abs(Double.parseDouble(want[j]) - out.chw()[j]));
            }
            // float32 kernel and sums against float64: a few ulps of values in [0, 1].
            assertEquals(0, worst, 2e-6, "case " + java.util.Arrays.toString(c));
        }
    }

    @Test
    void separableIsotropicPathEqualsTheFullKernel() {
        RgbImage img = random(23, 17, 3);
        RgbImage separable = GaussianBlur.apply(img, 7, 1.7, 1.7, 0.0);
        // sigmaY nudged by 1e-12 takes the 2-D path with (numerically) the same kernel.
        RgbImage full = GaussianBlur.apply(img, 7, 1.7, 1.7 + 1e-12, 0.0);
        assertArrayEquals(full.chw(), separable.chw(), 1e-6f);
    }

    @Test
    void handWorkedThreeTapBlurWithReflectedBorder() {
        // 1-D along x: kernel 3, isotropic -> taps (a, b, a) along each axis; a 1-row image only blurs in x
        // because reflect-101 of a single row is that row.
        float[] k = GaussianBlur.kernel1d(3, 1.0);
        double e = Math.exp(-0.5);
        assertEquals(e / (1 + 2 * e), k[0], 1e-7);
        assertEquals(1 / (1 + 2 * e), k[1], 1e-7);
        float[] row = {1f, 0f, 0f, 0f};
        RgbImage img = RgbImage.wrap(4, 1, concat3(row));
        RgbImage out = GaussianBlur.apply(img, 3, 1.0, 1.0, 0.0);
        // x = 0: left neighbour reflects to x = 1 (value 0): b * 1 + a * 0 + a * 0.
        assertEquals(k[1], out.get(0, 0, 0), 1e-7f);
        assertEquals(k[0], out.get(0, 0, 1), 1e-7f);
        assertEquals(0f, out.get(0, 0, 3), 1e-7f);
    }

    @Test
    void reflect101Indices() {
        assertArrayEquals(new int[] {2, 1, 0, 1, 2, 3, 2, 1}, GaussianBlur.reflectIndices(4, 2));
        assertArrayEquals(new int[] {0, 0, 0}, GaussianBlur.reflectIndices(1, 1));
    }

    @Test
    void blurKeepsTheMeanOfAConstantImage() {
        float[] v = new float[3 * 9 * 9];
        java.util.Arrays.fill(v, 0.4f);
        RgbImage out = GaussianBlur.apply(RgbImage.wrap(9, 9, v), 41, 12, 5, 1.0);
        for (float x : out.chw()) {
            assertEquals(0.4f, x, 1e-5f);
        }
        assertThrows(IllegalArgumentException.class, () -> GaussianBlur.kernel(4, 1, 1, 0));
    }

    private static RgbImage random(int w, int h, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[3 * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble();
        }
        return RgbImage.wrap(w, h, v);
    }

    private static float[] concat3(float[] p) {
        float[] out = new float[3 * p.length];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(p, 0, out, c * p.length, p.length);
        }
        return out;
    }
}

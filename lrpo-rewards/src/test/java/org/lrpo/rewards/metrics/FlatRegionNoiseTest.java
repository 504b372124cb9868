package org.lrpo.rewards.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.degrade.Degradation;
import org.lrpo.core.degrade.DegradationPreset;
import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.testing.PythonReference;

class FlatRegionNoiseTest {
    private static final long FACE_SEED = 7L;

    @TempDir
    Path dir;

    /**
     * Ground truth: left half (columns 0..31) flat grey, right half a random texture. Restored: the truth plus a
     * {@code +-s} checkerboard on every RGB channel of the flat half. Derivation of the expected value:
     *
     * <ul>
     *   <li>All three channels move together, so the luma moves by {@code (65.481 + 128.553 + 24.966) dv = 219 dv}:
     *       on the flat half the restored Y is a constant plus {@code A (-1)^(x+y)}, {@code A = 219 (v+ - v-) / 2}.
     *   <li>The separable Gaussian multiplies the checkerboard {@code (-1)^(x+y)} by {@code H^2}, where
     *       {@code H = sum_k w_k (-1)^k} is the 1-D kernel's response at the Nyquist frequency (mirrored edges map
     *       {@code x -> -x}, which keeps a 2-periodic pattern, so this holds up to the image edge). The constant
     *       passes unchanged, so the residual there is exactly {@code A (1 - H^2) (-1)^(x+y)}.
     *   <li>By Poisson summation, the sampled unit Gaussian has {@code H ~= 2 exp(-pi^2 / 2) = 0.01438}
     *       (the two aliases at +-pi), so {@code 1 - H^2 = 0.99979}.
     *   <li>The GT's blur is exactly constant at columns whose 9-tap window stays in the flat half (c <= 27), so its
     *       gradient is exactly 0 for c <= 26 and its 3x3 maximum for c <= 25: interior columns 2..25, 24 of 60
     *       (40% > 30%), so the 30th percentile is 0 and the mask is those 24 x 60 pixels. There the restored
     *       image's 9-tap windows reach column 29 at most, inside the checkerboard; the 60 rows hold as many + as -
     *       pixels, so the mean is 0
     *       and the standard deviation is {@code A (1 - H^2)}. The textured half, with its large high-pass, is
     *       not counted: compute(truth, truth) is 0.
     * </ul>
     */
    @Test
    void checkerboardOnTheFlatHalfGivesTheAnalyticHighPassLevel() {
        int size = 64;
        double s = 4.0 / 255.0;
        RgbImage truth = halfFlatHalfTextured(size, 0.5f);
        float high = (float) (0.5 + s);
        float low = (float) (0.5 - s);
        float[] v = truth.chw().clone();
        int n = size * size;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size / 2; x++) {
                    v[c * n + y * size + x] = (x + y) % 2 == 0 ? high : low;
                }
            }
        }
        RgbImage restored = RgbImage.wrap(size, size, v);

        double h = 0.0;
        double norm = 0.0;
        for (int k = -4; k <= 4; k++) {
            double w = Math.exp(-0.5 * k * k);
            h += (k % 2 == 0 ? w : -w);
            norm += w;
        }
        h /= norm;
        assertEquals(2.0 * Math.exp(-Math.PI * Math.PI / 2.0), h, 1e-5, "Poisson-summation estimate of H");
        double a = (65.481 + 128.553 + 24.966) * ((double) high - (double) low) / 2.0;
        double expected = a * (1.0 - h * h);

        double actual = FlatRegionNoise.compute(restored, truth);
        assertEquals(expected, actual, 1e-9 * expected, "A = " + a + ", H = " + h);
        assertEquals(3.4346, actual, 1e-4, "219 * 4 / 255 * 0.99979");
        assertEquals(0.0, FlatRegionNoise.compute(truth, truth), 1e-12, "the GT is exactly flat on the mask");
    }

    @Test
    void zeroWhenRestoredEqualsAFlatTruth() {
        for (float grey : new float[] {0.0f, 0.37f, 0.5f, 1.0f}) {
            RgbImage flat = flat(32, 32, grey);
            assertEquals(0.0, FlatRegionNoise.compute(flat, flat), 1e-12, "grey " + grey);
        }
        // Non-square and coloured: still a constant per channel, still no high-pass.
        RgbImage coloured = RgbImage.wrap(40, 24, new float[3 * 40 * 24]);
        Arrays.fill(coloured.chw(), 0, 960, 0.8f);
        Arrays.fill(coloured.chw(), 960, 1920, 0.3f);
        Arrays.fill(coloured.chw(), 1920, 2880, 0.55f);
        assertEquals(0.0, FlatRegionNoise.compute(coloured, coloured), 1e-12);
        // A constant offset is a brightness error, not noise.
        assertEquals(0.0, FlatRegionNoise.compute(flat(32, 32, 0.6f), flat(32, 32, 0.5f)), 1e-12);
    }

    @Test
    void increasesWithTheSigmaOfAddedGaussianNoise() {
        RgbImage face = FaceGenerator.face(FACE_SEED, 3, 0, 64);
        double previous = FlatRegionNoise.compute(face, face);
        StringBuilder values = new StringBuilder("sigma 0: " + previous);
        for (double sigma : new double[] {1, 2, 4, 8, 16}) {
            double value = FlatRegionNoise.compute(noisy(face, sigma / 255.0, 11), face);
            values.append(", ").append(sigma).append(": ").append(value);
            assertTrue(value > previous, values.toString());
            previous = value;
        }
        // A second seed: still monotonic.
        previous = FlatRegionNoise.compute(face, face);
        for (double sigma : new double[] {1, 2, 4, 8, 16}) {
            double value = FlatRegionNoise.compute(noisy(face, sigma / 255.0, 12), face);
            assertTrue(value > previous, "seed 12, sigma " + sigma + ": " + value + " <= " + previous);
            previous = value;
        }
    }

    @Test
    void whiteNoiseOnAFlatTruthHasTheAnalyticGain() {
        // Y carries sqrt(65.481^2 + 128.553^2 + 24.966^2) / 255 = 0.5742 of per-channel noise; the high-pass
        // (delta - g) keeps sqrt(1 - 2 g0 + sum g^2) = 0.8725 of white noise: 0.5010 per 8-bit level.
        double luma = Math.sqrt(65.481 * 65.481 + 128.553 * 128.553 + 24.966 * 24.966) / 255.0;
        double g0 = 0.0;
        double sumW2 = 0.0;
        double norm = 0.0;
        for (int k = -4; k <= 4; k++) {
            norm += Math.exp(-0.5 * k * k);
        }
        for (int k = -4; k <= 4; k++) {
            double w = Math.exp(-0.5 * k * k) / norm;
            sumW2 += w * w;
            g0 = k == 0 ? w * w : g0;
        }
        double gain = luma * Math.sqrt(1.0 - 2.0 * g0 + sumW2 * sumW2);
        assertEquals(0.501, gain, 1e-3);
        RgbImage truth = flat(128, 128, 0.5f);
        double sigma = 10.0;
        double value = FlatRegionNoise.compute(noisy(truth, sigma / 255.0, 5), truth);
        // 124 x 124 pixels, strongly correlated by the blur: a few percent of sampling error.
        assertEquals(gain * sigma, value, 0.04 * gain * sigma);
    }

    @Test
    void valuesOnAGenerated32PixelFace() {
        RgbImage face = FaceGenerator.face(FACE_SEED, 0, 0, 32);
        double clean = FlatRegionNoise.compute(face, face);
        double noisy5 = FlatRegionNoise.compute(noisy(face, 5.0 / 255.0, 1), face);
        System.out.printf("FlatRegionNoise on FaceGenerator.face(%d, 0, 0, 32): truth %.6f, truth + N(0, 5/255) %.6f%n",
                FACE_SEED, clean, noisy5);
        // Independent noise adds in quadrature: 0.501 * 5 = 2.5 levels over the face's own level (the white-noise
        // gain above); one 235-pixel sample of it, so a loose band.
        double excess = Math.sqrt(noisy5 * noisy5 - clean * clean);
        assertEquals(2.5, excess, 0.5, "clean " + clean + ", noisy " + noisy5);
    }

    @Test
    void rejectsMismatchedNonFiniteAndTooSmallInputs() {
        RgbImage a = texture(32, 32, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlatRegionNoise.compute(a, texture(32, 31, 1)));
        assertTrue(e.getMessage().contains("flat_region_noise"), e.getMessage());
        RgbImage nan = a.copy();
        nan.chw()[17] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> FlatRegionNoise.compute(nan, a));
        // 9x9: a 5x5 interior, 25 pixels, can never give 32 flat ones; 15x15 (121) always gives at least 37.
        e = assertThrows(IllegalArgumentException.class,
                () -> FlatRegionNoise.compute(texture(9, 9, 2), texture(9, 9, 3)));
        assertTrue(e.getMessage().contains("flat pixels"), e.getMessage());
        assertTrue(FlatRegionNoise.compute(texture(15, 15, 2), texture(15, 15, 3)) > 0.0);
        assertThrows(IllegalArgumentException.class, () -> FlatRegionNoise.compute(flat(4, 4, 0.5f), flat(4, 4, 0.5f)));
    }

    @Test
    void matchesTheNumpyScipyReference() throws Exception {
        Map<String, RgbImage[]> pairs = new LinkedHashMap<>();
        RgbImage face64 = FaceGenerator.face(FACE_SEED, 0, 0, 64);
        RgbImage face32 = FaceGenerator.face(FACE_SEED, 0, 0, 32);
        RgbImage face48 = FaceGenerator.face(FACE_SEED, 5, 2, 48);
        pairs.put("face64-self", new RgbImage[] {face64, face64});
        pairs.put("face64-noise5", new RgbImage[] {noisy(face64, 5.0 / 255.0, 1), face64});
        pairs.put("face64-gfpgan", new RgbImage[] {Degradation.apply(face64, DegradationPreset.GFPGAN, 3, "f", 0).lq(),
            face64});
        pairs.put("face32-self", new RgbImage[] {face32, face32});
        pairs.put("face32-noise5", new RgbImage[] {noisy(face32, 5.0 / 255.0, 1), face32});
        pairs.put("face48-diffbir", new RgbImage[] {Degradation.apply(face48, DegradationPreset.DIFFBIR, 4, "g", 1).lq(),
            face48});
        RgbImage scene = TestImages.scene(75, 100, 3);
        pairs.put("scene75x100-noise3", new RgbImage[] {noisy(scene, 3.0 / 255.0, 2), scene});
        RgbImage wide = TestImages.scene(100, 75, 4);
        pairs.put("scene100x75-blur", new RgbImage[] {TestImages.blurred(wide, 1), wide});
        RgbImage grey = flat(32, 32, 0.5f);
        pairs.put("flat32-noise8", new RgbImage[] {noisy(grey, 8.0 / 255.0, 3), grey});
        pairs.put("flat32-self", new RgbImage[] {grey, grey});

        Map<String, Double> reference = runReference(pairs);
        double worst = 0.0;
        for (Map.Entry<String, RgbImage[]> e : pairs.entrySet()) {
            Double expected = reference.get(e.getKey());
            assertNotNull(expected, "reference has no value for " + e.getKey());
            double actual = FlatRegionNoise.compute(e.getValue()[0], e.getValue()[1]);
            double deviation = Math.abs(actual - expected);
            worst = Math.max(worst, deviation / Math.max(Math.abs(expected), 1e-300));
            System.out.printf("flat_region_noise %-20s java %.12f scipy %.12f%n", e.getKey(), actual, expected);
            assertEquals(expected, actual, Math.max(1e-6 * Math.abs(expected), 1e-12), e.getKey());
        }
        assertTrue(reference.get("face64-noise5") > reference.get("face64-self"));
        System.out.printf("flat_region_noise max relative deviation from scipy %.3e%n", worst);
    }

    private Map<String, Double> runReference(Map<String, RgbImage[]> pairs) throws IOException, InterruptedException {
        List<String> jobs = new ArrayList<>();
        for (Map.Entry<String, RgbImage[]> e : pairs.entrySet()) {
            RgbImage x = e.getValue()[0];
            // The CHW floats, little-endian float32: what the reference reads, bit for bit.
            Path xp = PythonReference.writeFloats(dir.resolve(e.getKey() + "-x.f32"), x.chw());
            Path gp = PythonReference.writeFloats(dir.resolve(e.getKey() + "-gt.f32"), e.getValue()[1].chw());
            jobs.add(e.getKey() + " " + x.width() + " " + x.height() + " " + xp + " " + gp);
        }
        Map<String, Double> values = new HashMap<>();
        for (String line : PythonReference.runJobs("flat_region_noise_reference.py", jobs, dir)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[1].equals("flat_region_noise")) {
                values.put(f[0], Double.parseDouble(f[2]));
            }
        }
        return values;
    }

    /** {@code image} plus N(0, sigma^2) per value from a seeded stream, clipped to [0, 1], not quantised. */
    static RgbImage noisy(RgbImage image, double sigma, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] src = image.chw();
        float[] v = new float[src.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.min(1.0, Math.max(0.0, src[i] + sigma * rnd.nextGaussian()));
        }
        return RgbImage.wrap(image.width(), image.height(), v);
    }

    private static RgbImage flat(int width, int height, float grey) {
        float[] v = new float[3 * width * height];
        Arrays.fill(v, grey);
        return RgbImage.wrap(width, height, v);
    }

    private static RgbImage texture(int width, int height, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[3 * width * height];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.2 + 0.6 * rnd.nextDouble());
        }
        return RgbImage.wrap(width, height, v);
    }

    /** Columns 0 .. size/2 - 1 flat {@code grey}; the rest a seeded random texture in [0.2, 0.8]. */
    private static RgbImage halfFlatHalfTextured(int size, float grey) {
        RgbImage t = texture(size, size, 99);
        float[] v = t.chw();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size / 2; x++) {
                    v[(c * size + y) * size + x] = grey;
                }
            }
        }
        return t;
    }
}

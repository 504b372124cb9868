package org.lrpo.rewards.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.testing.PythonReference;

/**
 * PSNR, SSIM, MS-SSIM and the DT-CWT lowpass against references run by
 * {@code src/test/python/metrics_reference.py}: {@code skimage.metrics} (PSNR/SSIM, including the VQFR colour
 * correction and MATLAB Y preprocessing as VQFR's script writes them), an independent NumPy/SciPy MS-SSIM after
 * Wang 2003, and {@code dtcwt.Transform2d(near_sym_b, qshift_b).forward(., 3).lowpass}.
 *
 * <p>Images: skimage's {@code astronaut.png} (a real face; full 512x512 and a 256x256 face crop) and drawn
 * scenes of 64x64, 128x128, 75x100, 100x75 and 23x37, with noisy, blurred and colour-cast variants; all
 * passed through 8-bit PNG so both sides read identical pixels. Tolerances: 1e-4 absolute for PSNR (dB),
 * SSIM and MS-SSIM; 1e-5 max absolute for every lowpass coefficient (1e-12 when fed the same doubles k/255 as
 * dtcwt rather than RgbImage's float k/255); 1e-6 for the reward.
 */
class MetricsConformanceTest {
    private static final double FIDELITY_TOLERANCE = 1e-4;
    private static final double LOWPASS_TOLERANCE = 1e-5;

    @TempDir
    static Path dir;

    private static final Map<String, RgbImage[]> PAIRS = new LinkedHashMap<>();
    private static final Map<String, RgbImage> LOWPASS_IMAGES = new LinkedHashMap<>();
    private static Map<String, double[]> reference;
    private static final Map<String, Double> MAX_DEVIATION = new LinkedHashMap<>();

    @BeforeAll
    static void computeReferences() throws Exception {
        Path astronautPng = dir.resolve("astronaut.png");
        PythonReference.runJobs("metrics_reference.py", List.of("astronaut " + astronautPng.toAbsolutePath()), dir);
        RgbImage astronaut = TestImages.readPng(astronautPng);
        assertEquals(512, astronaut.width());
        RgbImage face = TestImages.crop(astronaut, 120, 0, 256, 256);

        PAIRS.put("face-noisy", new RgbImage[] {TestImages.noisy(face, 0.04, 1), face});
        PAIRS.put("face-blur", new RgbImage[] {TestImages.blurred(face, 2), face});
        PAIRS.put("face-cast", new RgbImage[] {TestImages.noisy(TestImages.colourCast(face), 0.02, 2), face});
        PAIRS.put("astronaut512-noisy", new RgbImage[] {TestImages.noisy(astronaut, 0.03, 3), astronaut});
        RgbImage scene64 = TestImages.scene(64, 64, 1);
        RgbImage scene128 = TestImages.scene(128, 128, 2);
        RgbImage scene75x100 = TestImages.scene(75, 100, 3);
        PAIRS.put("scene64-blur", new RgbImage[] {TestImages.blurred(scene64, 1), scene64});
        PAIRS.put("scene128-noisy", new RgbImage[] {TestImages.noisy(scene128, 0.05, 4), scene128});
        PAIRS.put("scene75x100-cast",
                new RgbImage[] {TestImages.colourCast(TestImages.noisy(scene75x100, 0.03, 5)), scene75x100});

        LOWPASS_IMAGES.put("astronaut512", astronaut);
        LOWPASS_IMAGES.put("face256", face);
        LOWPASS_IMAGES.put("face256-noisy", PAIRS.get("face-noisy")[0]);
        LOWPASS_IMAGES.put("scene64", scene64);
        LOWPASS_IMAGES.put("scene64-blur", PAIRS.get("scene64-blur")[0]);
        LOWPASS_IMAGES.put("scene128", scene128);
        LOWPASS_IMAGES.put("scene100x75", TestImages.scene(100, 75, 6));
        LOWPASS_IMAGES.put("scene75x100", scene75x100);
        LOWPASS_IMAGES.put("scene23x37", TestImages.scene(23, 37, 7));

        List<String> jobs = new ArrayList<>();
        for (Map.Entry<String, RgbImage[]> e : PAIRS.entrySet()) {
            Path x = dir.resolve(e.getKey() + "-x.png");
            Path gt = dir.resolve(e.getKey() + "-gt.png");
            TestImages.writePng(e.getValue()[0], x);
            TestImages.writePng(e.getValue()[1], gt);
            jobs.add("fidelity " + e.getKey() + " " + x.toAbsolutePath() + " " + gt.toAbsolutePath());
        }
        for (Map.Entry<String, RgbImage> e : LOWPASS_IMAGES.entrySet()) {
            Path p = dir.resolve(e.getKey() + "-lp.png");
            TestImages.writePng(e.getValue(), p);
            jobs.add("dtcwt " + e.getKey() + " " + p.toAbsolutePath());
        }
        reference = results(PythonReference.runJobs("metrics_reference.py", jobs, dir));
    }

    /**
     * metrics_reference.py's output lines {@code <id> <key> <value>}, and {@code <id> lowpass <channel> <rows> <cols>
     * <values...>} for dtcwt jobs, keyed {@code id + " " + key} and {@code id + " lowpass " + channel}; a lowpass
     * array holds rows, cols, then the values row-major.
     */
    private static Map<String, double[]> results(List<String> lines) {
        Map<String, double[]> results = new HashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 3) {
                continue;
            }
            if (f[1].equals("lowpass")) {
                double[] v = new double[f.length - 3];
                for (int i = 3; i < f.length; i++) {
                    v[i - 3] = PythonReference.number(f[i]);
                }
                results.put(f[0] + " lowpass " + f[2], v);
            } else {
                results.put(f[0] + " " + f[1], new double[] {PythonReference.number(f[2])});
            }
        }
        return results;
    }

    @AfterAll
    static void printDeviations() {
        MAX_DEVIATION.forEach((k, v) -> System.out.printf("max |java - reference| %-22s %.3e%n", k, v));
    }

    private static void checkFidelity(String key, BiFunction<RgbImage, RgbImage, Double> metric) {
        for (Map.Entry<String, RgbImage[]> e : PAIRS.entrySet()) {
            double[] expected = reference.get(e.getKey() + " " + key);
            assertNotNull(expected, "reference has no " + key + " for " + e.getKey());
            double actual = metric.apply(e.getValue()[0], e.getValue()[1]);
            double dev = Math.abs(actual - expected[0]);
            MAX_DEVIATION.merge(key, dev, Math::max);
            assertEquals(expected[0], actual, FIDELITY_TOLERANCE, key + " on " + e.getKey());
        }
    }

    @Test
    void psnrRgbMatchesSkimage() {
        checkFidelity("psnr_rgb", Psnr::compute);
    }

    @Test
    void ssimRgbMatchesSkimage() {
        checkFidelity("ssim_rgb", Ssim::compute);
    }

    @Test
    void yChannelMatchesSkimageOnMatlabLuma() {
        checkFidelity("psnr_y", (x, gt) -> Psnr.compute(x, gt, FidelityProtocol.Y));
        checkFidelity("ssim_y", (x, gt) -> Ssim.compute(x, gt, FidelityProtocol.Y));
    }

    @Test
    void borderCropMatchesSkimageOnCroppedImages() {
        FidelityProtocol crop4 = FidelityProtocol.RGB.withCropBorder(4);
        checkFidelity("psnr_rgb_crop4", (x, gt) -> Psnr.compute(x, gt, crop4));
        checkFidelity("ssim_rgb_crop4", (x, gt) -> Ssim.compute(x, gt, crop4));
    }

    @Test
    void vqfrColourCorrectionMatchesTheScriptsLoop() {
        checkFidelity("psnr_vqfr_rgb", (x, gt) -> Psnr.compute(x, gt, FidelityProtocol.VQFR));
        checkFidelity("ssim_vqfr_rgb", (x, gt) -> Ssim.compute(x, gt, FidelityProtocol.VQFR));
        FidelityProtocol yCrop2 = new FidelityProtocol(ChannelSpace.Y, 2, true);
        checkFidelity("psnr_vqfr_y_crop2", (x, gt) -> Psnr.compute(x, gt, yCrop2));
        checkFidelity("ssim_vqfr_y_crop2", (x, gt) -> Ssim.compute(x, gt, yCrop2));
    }

    @Test
    void colourCorrectionChangesTheScoreOnACast() {
        RgbImage[] cast = PAIRS.get("face-cast");
        assertTrue(Psnr.compute(cast[0], cast[1], FidelityProtocol.VQFR) > Psnr.compute(cast[0], cast[1]) + 3.0,
                "correcting a colour cast should raise PSNR by several dB");
    }

    @Test
    void msSsimMatchesTheNumpyReference() {
        checkFidelity("ms_ssim_rgb", MsSsim::compute);
    }

    @Test
    void lowpassMatchesDtcwt() {
        double worst = 0.0;
        double worstExact = 0.0;
        for (Map.Entry<String, RgbImage> e : LOWPASS_IMAGES.entrySet()) {
            RgbImage img = e.getValue();
            for (int c = 0; c < 3; c++) {
                double[] expected = reference.get(e.getKey() + " lowpass " + c);
                assertNotNull(expected, "reference has no lowpass for " + e.getKey() + " channel " + c);
                int rows = (int) expected[0];
                int cols = (int) expected[1];
                Plane actual = DwtLowpassReward.lowpass(img, c);
                assertEquals(rows, actual.height(), "lowpass rows of " + e.getKey());
                assertEquals(cols, actual.width(), "lowpass columns of " + e.getKey());
                // The same transform on the exact doubles k / 255 that dtcwt sees: only summation order differs.
                double[] exact = Plane.ofChannel(img, c).values();
                for (int i = 0; i < exact.length; i++) {
                    exact[i] = Math.round(exact[i] * 255.0) / 255.0;
                }
                Plane fromExact = DtcwtLowpass.forward(Plane.wrap(img.width(), img.height(), exact), 3);
                for (int i = 0; i < rows * cols; i++) {
                    double dev = Math.abs(actual.values()[i] - expected[2 + i]);
                    worst = Math.max(worst, dev);
                    assertTrue(dev <= LOWPASS_TOLERANCE, "lowpass " + e.getKey() + " channel " + c + " index " + i
                            + ": java " + actual.values()[i] + " dtcwt " + expected[2 + i]);
                    double devExact = Math.abs(fromExact.values()[i] - expected[2 + i]);
                    worstExact = Math.max(worstExact, devExact);
                    assertTrue(devExact <= 1e-12, "lowpass of exact k/255 " + e.getKey() + " channel " + c
                            + " index " + i + ": deviation " + devExact);
                }
            }
        }
        MAX_DEVIATION.put("dtcwt lowpass", worst);
        MAX_DEVIATION.put("dtcwt lowpass (double in)", worstExact);
        double[] astro = reference.get("astronaut512 lowpass 0");
        assertEquals(128, (int) astro[0], "dtcwt's lowpass of 512x512 after 3 levels is 128x128");
    }

    @Test
    void rewardEqualsTheFormulaOnDtcwtsLowpass() {
        String[][] pairs = {{"face256-noisy", "face256"}, {"scene64-blur", "scene64"}};
        for (String[] pair : pairs) {
            double sum = 0.0;
            long count = 0;
            for (int c = 0; c < 3; c++) {
                double[] a = reference.get(pair[0] + " lowpass " + c);
                double[] b = reference.get(pair[1] + " lowpass " + c);
                for (int i = 2; i < a.length; i++) {
                    sum += Math.abs(a[i] - b[i]);
                    count++;
                }
            }
            double expected = Math.exp(-15.0 * sum / count);
            double actual = DwtLowpassReward.reward(LOWPASS_IMAGES.get(pair[0]), LOWPASS_IMAGES.get(pair[1]));
            MAX_DEVIATION.merge("dwt_lowpass reward", Math.abs(actual - expected), Math::max);
            assertEquals(expected, actual, 1e-6, "dwt_lowpass reward on " + pair[0]);
            assertTrue(actual < 1.0 && actual > 0.0);
        }
    }
}

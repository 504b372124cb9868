package org.lrpo.rewards.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;

/** Hand-worked cases: each expected value follows from the formula on paper, not from the code. */
class MetricsFormulaTest {

    private static RgbImage flat(int w, int h, float r, float g, float b) {
        float[] v = new float[3 * w * h];
        Arrays.fill(v, 0, w * h, r);
        Arrays.fill(v, w * h, 2 * w * h, g);
        Arrays.fill(v, 2 * w * h, 3 * w * h, b);
        return RgbImage.wrap(w, h, v);
    }

    @Test
    void psnrOfAUniformErrorOfTenGreyLevels() {
        // MSE = 10^2 on every value, so PSNR = 10 log10(255^2 / 100).
        RgbImage gt = flat(32, 20, 0.2f, 0.4f, 0.6f);
        RgbImage x = flat(32, 20, 0.2f + 10f / 255f, 0.4f - 10f / 255f, 0.6f + 10f / 255f);
        assertEquals(10 * Math.log10(255.0 * 255.0 / 100.0), Psnr.compute(x, gt), 1e-4);
    }

    @Test
    void yChannelOfWhiteAndBlackIs235And16() {
        // Y(white) = 16 + 65.481 + 128.553 + 24.966 = 235, Y(black) = 16: error 219 everywhere.
        RgbImage white = flat(16, 16, 1f, 1f, 1f);
        RgbImage black = flat(16, 16, 0f, 0f, 0f);
        assertEquals(20 * Math.log10(255.0 / 219.0), Psnr.compute(white, black, FidelityProtocol.Y), 1e-9);
    }

    @Test
    void identicalImagesScorePerfectly() {
        RgbImage img = TestImages.scene(48, 40, 11);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.compute(img, img));
        assertEquals(1.0, Ssim.compute(img, img), 1e-12);
        assertEquals(1.0, Ssim.compute(img, img, FidelityProtocol.Y), 1e-12);
        assertEquals(1.0, MsSsim.compute(img, img), 1e-12);
        assertEquals(1.0, DwtLowpassReward.reward(img, img), 0.0);
    }

    @Test
    void ssimOfFlatImagesIsTheLuminanceTerm() {
        // Flat planes have zero (co)variance, so cs = C2 / C2 = 1 and SSIM = (2ab + C1) / (a^2 + b^2 + C1).
        double c1 = Math.pow(0.01 * 255, 2);
        double a = 100;
        double b = 120;
        double l = (2 * a * b + c1) / (a * a + b * b + c1);
        RgbImage gt = flat(30, 25, (float) (a / 255), (float) (a / 255), (float) (a / 255));
        RgbImage x = flat(30, 25, (float) (b / 255), (float) (b / 255), (float) (b / 255));
        assertEquals(l, Ssim.compute(x, gt), 1e-5);
        // MS-SSIM: cs_j = 1 at every scale and the 2x2 mean keeps flat planes flat, so MS-SSIM = l^(w_M / sum w).
        // 64x64 has M = 3 scales (64, 32, 16): exponent 0.3001 / (0.0448 + 0.2856 + 0.3001).
        RgbImage gt64 = flat(64, 64, (float) (a / 255), (float) (a / 255), (float) (a / 255));
        RgbImage x64 = flat(64, 64, (float) (b / 255), (float) (b / 255), (float) (b / 255));
        assertEquals(Math.pow(l, 0.3001 / (0.0448 + 0.2856 + 0.3001)), MsSsim.compute(x64, gt64), 1e-5);
    }

    @Test
    void msSsimUsesFewerScalesWhenFiveDoNotFit() {
        assertEquals(1, MsSsim.scales(11, 11));
        assertEquals(1, MsSsim.scales(20, 40));
        assertEquals(2, MsSsim.scales(21, 40)); // ceil(21 / 2) = 11 still holds the window
        assertEquals(3, MsSsim.scales(41, 41));
        assertEquals(3, MsSsim.scales(64, 64));
        assertEquals(4, MsSsim.scales(128, 128));
        assertEquals(4, MsSsim.scales(160, 512));
        assertEquals(5, MsSsim.scales(161, 161));
        assertEquals(5, MsSsim.scales(1024, 1024));
    }

    @Test
    void halvingAveragesTwoByTwoAndKeepsAnOddLastRow() {
        Plane p = Plane.wrap(3, 3, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Plane h = MsSsim.halve(p);
        assertEquals(2, h.width());
        assertEquals(2, h.height());
        assertEquals((1 + 2 + 4 + 5) / 4.0, h.get(0, 0), 1e-15);
        assertEquals((3 + 3 + 6 + 6) / 4.0, h.get(0, 1), 1e-15);
        assertEquals((7 + 8 + 7 + 8) / 4.0, h.get(1, 0), 1e-15);
        assertEquals(9.0, h.get(1, 1), 1e-15);
    }

    @Test
    void colourCorrectionUndoesAnAffineCastExactly() {
        // x_c = a_c gt_c + b_c. Round 1 shifts to gt's mean and scales by 1/a_c, leaving gt_c + (1/a_c - 1) m_c;
        // round 2 shifts that back to gt_c and scales by 1. So two rounds give gt back up to rounding.
        RgbImage gt = TestImages.scene(40, 36, 12);
        int n = 40 * 36;
        float[] v = gt.chw().clone();
        double[] a = {0.7, 1.2, 0.9};
        double[] b = {0.1, -0.05, 0.02};
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (a[i / n] * v[i] + b[i / n]);
        }
        RgbImage x = RgbImage.wrap(40, 36, v);
        assertTrue(Psnr.compute(x, gt) < 30.0);
        assertTrue(Psnr.compute(x, gt, FidelityProtocol.VQFR) > 110.0,
                "VQFR-corrected PSNR was " + Psnr.compute(x, gt, FidelityProtocol.VQFR));
        double[][] corrected = VqfrColourCorrection.correct(x, gt);
        for (int c = 0; c < 3; c++) {
            double[] g = Plane.ofChannel(gt, c).values();
            assertEquals(std(g), std(corrected[c]), 1e-12, "the last step scales to gt's std exactly");
        }
    }

    @Test
    void lowpassOfAConstantPlaneIsFourTimesIt() {
        // Symmetric extension keeps a constant constant; h0o sums to 1 and each Q-shift filter to sqrt(2), applied
        // along both axes at levels 2 and 3: DC gain 1 * 2 * 2 = 4.
        for (int[] size : new int[][] {{64, 64, 16, 16}, {512, 512, 128, 128}, {100, 75, 26, 20}, {23, 37, 6, 10}}) {
            double[] v = new double[size[0] * size[1]];
            Arrays.fill(v, 0.3);
            Plane yl = DtcwtLowpass.forward(Plane.wrap(size[1], size[0], v), 3);
            assertEquals(size[2], yl.height(), "rows for " + size[0] + "x" + size[1]);
            assertEquals(size[3], yl.width(), "columns for " + size[0] + "x" + size[1]);
            for (double d : yl.values()) {
                // The published taps sum to sqrt(2) only to about 1e-12.
                assertEquals(1.2, d, 1e-10);
            }
        }
    }

    @Test
    void uniformErrorGivesRewardExpMinusSixtyE() {
        // A uniform error e moves every lowpass coefficient by 4e (DC gain 4): reward = exp(-15 * 4e).
        RgbImage gt = TestImages.scene(64, 64, 13);
        float e = 0.01f;
        float[] v = gt.chw().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += e;
        }
        RgbImage x = RgbImage.wrap(64, 64, v);
        assertEquals(Math.exp(-60.0 * e), DwtLowpassReward.reward(x, gt), 1e-6);
    }

    @Test
    void aPreparedTargetScoresLikeThePairwiseReward() {
        RgbImage gt = TestImages.scene(48, 40, 16);
        DwtLowpassReward.Target target = DwtLowpassReward.target(gt);
        for (int i = 0; i < 3; i++) {
            RgbImage x = TestImages.noisy(gt, 0.02 * (i + 1), 60 + i);
            assertEquals(DwtLowpassReward.reward(x, gt), target.reward(x), 0.0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> target.reward(flat(40, 48, 0.5f, 0.5f, 0.5f)));
        assertTrue(e.getMessage().contains("40x48") && e.getMessage().contains("48x40"), e.getMessage());
    }

    @Test
    void rewardAndSsimFallAsBlurGrows() {
        RgbImage gt = TestImages.scene(64, 64, 14);
        double prevReward = 1.0;
        double prevSsim = 1.0;
        for (int r = 1; r <= 4; r++) {
            RgbImage x = TestImages.blurred(gt, r);
            double reward = DwtLowpassReward.reward(x, gt);
            double ssim = Ssim.compute(x, gt);
            assertTrue(reward < prevReward, "reward at blur " + r);
            assertTrue(ssim < prevSsim, "ssim at blur " + r);
            prevReward = reward;
            prevSsim = ssim;
        }
    }

    @Test
    void differentSizesAreRejectedNamingBothSizes() {
        RgbImage a = flat(64, 64, 0.5f, 0.5f, 0.5f);
        RgbImage b = flat(64, 48, 0.5f, 0.5f, 0.5f);
        for (Runnable call : new Runnable[] {
            () -> Psnr.compute(a, b), () -> Ssim.compute(a, b), () -> MsSsim.compute(a, b),
            () -> DwtLowpassReward.reward(a, b), () -> VqfrColourCorrection.correct(a, b)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(e.getMessage().contains("64x64") && e.getMessage().contains("64x48"), e.getMessage());
        }
    }

    @Test
    void nanPixelsAreRejectedNamingWhere() {
        RgbImage gt = flat(20, 20, 0.5f, 0.5f, 0.5f);
        float[] v = gt.chw().clone();
        v[400 + 2 * 20 + 3] = Float.NaN;
        RgbImage x = RgbImage.wrap(20, 20, v);
        for (Runnable call : new Runnable[] {
            () -> Psnr.compute(x, gt), () -> Ssim.compute(gt, x), () -> MsSsim.compute(x, gt),
            () -> DwtLowpassReward.reward(x, gt)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("channel 1, row 2, column 3")
                    && e.getMessage().contains("20x20"), e.getMessage());
        }
    }

    @Test
    void tooSmallOrOverCroppedInputsAreRejected() {
        RgbImage small = flat(10, 30, 0.5f, 0.5f, 0.5f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ssim.compute(small, small));
        assertTrue(e.getMessage().contains("11x11") && e.getMessage().contains("10x30"), e.getMessage());
        RgbImage img = flat(16, 16, 0.5f, 0.5f, 0.5f);
        e = assertThrows(IllegalArgumentException.class,
                () -> Psnr.compute(img, img, FidelityProtocol.RGB.withCropBorder(8)));
        assertTrue(e.getMessage().contains("16x16"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FidelityProtocol.RGB.withCropBorder(-1));
    }

    @Test
    void colourCorrectionOfAConstantChannelIsAnError() {
        RgbImage gt = TestImages.scene(20, 20, 15);
        RgbImage x = flat(20, 20, 0.5f, 0.5f, 0.5f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Psnr.compute(x, gt, FidelityProtocol.VQFR));
        assertTrue(e.getMessage().contains("channel 0") && e.getMessage().contains("constant"), e.getMessage());
    }

    private static double std(double[] v) {
        double m = 0;
        for (double d : v) {
            m += d;
        }
        m /= v.length;
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / v.length);
    }
}

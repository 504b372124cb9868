package org.lrpo.core.degrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.testing.PythonReference;

/**
 * The whole pipeline against an independent one (src/test/python/degradation_reference.py: BasicSR
 * kernel + scipy, torch antialiased bilinear, Pillow's libjpeg), with noise 0 (the noise stage is
 * one line; its level is checked in {@link DegradationTest}).
 *
 * <p>Tolerance: the stages before JPEG agree to ~1e-6, but two JPEG codecs (the JDK's libjpeg 6b and
 * Pillow's libjpeg-turbo) differ in DCT rounding, in table entries by one for q below 50 (JpegQualityTest)
 * and in chroma upsampling details; both then round to 8 bits. So: mean |difference| below one 8-bit
 * level and no value off by more than 12 levels. (Observed here, Debian 12: max 1.2e-7, i.e. the two
 * JPEG paths decode to the same 8-bit values; the slack is for other libjpeg builds.)
 */
class DegradationReferenceTest {

    @Test
    void matchesAnIndependentPythonPipeline() throws Exception {
        String why = PythonReference.unavailableReason("numpy", "scipy.ndimage", "torch", "PIL.Image");
        assertNull(why, () -> "Python reference unavailable: " + why);
        RgbImage face64 = blend(TestPatterns.detailed(64, 64), TestPatterns.smooth(64, 64));
        RgbImage face96 = blend(TestPatterns.detailed(96, 96), TestPatterns.smooth(96, 96));
        Object[][] cases = {
            {face64, new DegradationParams(5, true, 1.0, 1.0, 0.0, 2.0, 0.0, 1L, 75)},
            {face64, new DegradationParams(5, false, 1.4, 0.5, 0.9, 3.3, 0.0, 1L, 40)},
            {face64, new DegradationParams(5, true, 0.05, 0.05, 0.0, 1.0, 0.0, 1L, 95)},
            {face96, new DegradationParams(41, false, 12.0, 3.0, -2.0, 5.5, 0.0, 1L, 60)},
            {face96, new DegradationParams(9, false, 2.0, 0.7, 2.5, 0.8, 0.0, 1L, 30)},
        };
        StringBuilder in = new StringBuilder();
        for (Object[] c : cases) {
            RgbImage hq = (RgbImage) c[0];
            DegradationParams p = (DegradationParams) c[1];
            in.append(p.kernelSize()).append(' ').append(p.sigmaX()).append(' ').append(p.sigmaY()).append(' ')
                    .append(p.theta()).append(' ').append(p.downscale()).append(' ').append(p.jpegQuality())
                    .append(' ').append(hq.height()).append(' ').append(hq.width());
            for (float v : hq.chw()) {
                in.append(' ').append(v);
            }
            in.append('\n');
        }
        List<String> lines = PythonReference.runWithInput("degradation_reference.py", in.toString());
        assertEquals(cases.length, lines.size());
        for (int i = 0; i < cases.length; i++) {
            RgbImage hq = (RgbImage) cases[i][0];
            DegradationParams p = (DegradationParams) cases[i][1];
            RgbImage lq = Degradation.applyWith(hq, p);
            String[] want = lines.get(i).trim().split(" ");
            assertEquals(lq.size(), want.length);
            double sum = 0;
            double worst = 0;
            for (int j = 0; j < want.length; j++) {
                double d = Math.abs(Double.parseDouble(want[j]) - lq.chw()[j]);
                sum += d;
                worst = Math.max(worst, d);
            }
            double mean = sum / want.length;
            System.out.printf("Degradation vs Python, %s: mean |diff| %.2e, max %.2e (of 1.0)%n",
                    p, mean, worst);
            assertTrue(mean < 1.0 / 255, p + ": mean |java - python| = " + mean * 255 + " levels");
            assertTrue(worst < 12.0 / 255, p + ": max |java - python| = " + worst * 255 + " levels");
        }
    }

    private static RgbImage blend(RgbImage a, RgbImage b) {
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0.5f * (a.chw()[i] + b.chw()[i]);
        }
        return RgbImage.wrap(a.width(), a.height(), out);
    }
}

package org.lrpo.core.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.RgbImage;

class DegradationTest {
    private static final RgbImage HQ = TestPatterns.detailed(64, 64);

    @Test
    void sameKeyGivesIdenticalBytes() {
        for (DegradationPreset preset : DegradationPreset.values()) {
            Degraded a = Degradation.apply(HQ, preset, 42, "face-7", 3);
            Degraded b = Degradation.apply(HQ, preset, 42, "face-7", 3);
            assertEquals(a.params(), b.params());
            assertArrayEquals(a.lq().chw(), b.lq().chw());
            assertArrayEquals(ImageCodec.encodePng(a.lq()), ImageCodec.encodePng(b.lq()));
        }
    }

    @Test
    void everyKeyCoordinateChangesTheDraw() {
        DegradationParams base = Degradation.draw(DegradationPreset.DIFFBIR, 64, 42, "face-7", 3);
        assertNotEquals(base, Degradation.draw(DegradationPreset.DIFFBIR, 64, 42, "face-7", 4));
        assertNotEquals(base, Degradation.draw(DegradationPreset.DIFFBIR, 64, 42, "face-8", 3));
        assertNotEquals(base, Degradation.draw(DegradationPreset.DIFFBIR, 64, 43, "face-7", 3));
        Degraded r3 = Degradation.apply(HQ, DegradationPreset.DIFFBIR, 42, "face-7", 3);
        Degraded r4 = Degradation.apply(HQ, DegradationPreset.DIFFBIR, 42, "face-7", 4);
        assertNotEquals(r3.params().noiseSeed(), r4.params().noiseSeed());
        assertTrue(meanAbsDiff(r3.lq(), r4.lq()) > 0, "different rounds gave the same LQ image");
    }

    @Test
    void recordedParamsReproduceTheOutput() {
        for (long round = 0; round < 5; round++) {
            Degraded d = Degradation.apply(HQ, DegradationPreset.GFPGAN, 9, "img", round);
            assertArrayEquals(d.lq().chw(), Degradation.applyWith(HQ, d.params()).chw(), "round " + round);
        }
    }

    @Test
    void paramsSurviveAJsonRoundTrip() throws Exception {
        // Params are stored beside each pair (Parquet/JSON); they must come back bit-identical.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (long round = 0; round < 4; round++) {
            DegradationParams p = Degradation.draw(DegradationPreset.DIFFBIR, 512, 3, "x", round);
            String text = json.writeValueAsString(p);
            assertEquals(p, json.readValue(text, DegradationParams.class), text);
        }
    }

    @Test
    void drawsStayWithinThePresetRanges() {
        for (DegradationPreset preset : DegradationPreset.values()) {
            for (int resolution : new int[] {64, 512}) {
                DegradationPreset.Ranges r = preset.atResolution(resolution);
                int n = 4000;
                int isotropic = 0;
                int qMin = Integer.MAX_VALUE;
                int qMax = Integer.MIN_VALUE;
                for (int i = 0; i < n; i++) {
                    DegradationParams p = Degradation.draw(preset, resolution, 5, "id-" + i, i % 7);
                    String at = preset + "@" + resolution + " draw " + i + ": " + p;
                    assertEquals(r.kernelSize(), p.kernelSize(), at);
                    assertTrue(p.sigmaX() >= r.sigmaMin() && p.sigmaX() < r.sigmaMax(), at);
                    assertTrue(p.sigmaY() >= r.sigmaMin() && p.sigmaY() < r.sigmaMax(), at);
                    assertTrue(p.theta() >= -Math.PI && p.theta() <= Math.PI, at);
                    assertTrue(p.downscale() >= r.scaleMin() && p.downscale() < r.scaleMax(), at);
                    assertTrue(p.noiseSigma() >= r.noiseMin() / 255 && p.noiseSigma() < r.noiseMax() / 255, at);
                    assertTrue(p.jpegQuality() >= r.jpegMin() && p.jpegQuality() <= r.jpegMax(), at);
                    isotropic += p.isotropic() ? 1 : 0;
                    qMin = Math.min(qMin, p.jpegQuality());
                    qMax = Math.max(qMax, p.jpegQuality());
                }
                // Binomial(4000, 0.5): sd 32, so +-200 is more than 6 sd.
                assertEquals(n / 2.0, isotropic, 200, preset + " isotropic count");
                // Integer qualities cover both ends: DIFFBIR's 100 is excluded, GFPGAN's included.
                assertEquals(r.jpegMin(), qMin, preset + " lowest quality");
                assertEquals(r.jpegMax(), qMax, preset + " highest quality");
            }
        }
        assertEquals(99, DegradationPreset.DIFFBIR.atResolution(512).jpegMax());
        assertEquals(100, DegradationPreset.GFPGAN.atResolution(512).jpegMax());
        assertEquals(100, DegradationPreset.LIGHT.atResolution(512).jpegMax());
    }

    @Test
    void rangesScaleWithResolution() {
        DegradationPreset.Ranges at512 = DegradationPreset.DIFFBIR.atResolution(512);
        assertEquals(41, at512.kernelSize());
        assertEquals(0.1, at512.sigmaMin(), 1e-12);
        assertEquals(12.0, at512.sigmaMax(), 1e-12);
        DegradationPreset.Ranges at64 = DegradationPreset.DIFFBIR.atResolution(64);
        assertEquals(5, at64.kernelSize());
        assertEquals(1.5, at64.sigmaMax(), 1e-12);
        assertEquals(12.0, at64.scaleMax(), 1e-12);
        assertEquals(21, DegradationPreset.GFPGAN.atResolution(256).kernelSize());
        assertEquals(3, DegradationPreset.GFPGAN.atResolution(16).kernelSize());
    }

    @Test
    void lightPresetHasItsRangesAtEveryResolution() {
        DegradationPreset.Ranges at512 = DegradationPreset.LIGHT.atResolution(512);
        assertEquals(new DegradationPreset.Ranges(41, 0.1, 10.0, 1.0, 4.0, 0.0, 10.0, 60, 100), at512);
        // Blur scales with the resolution, r / noise / JPEG do not.
        DegradationPreset.Ranges at32 = DegradationPreset.LIGHT.atResolution(32);
        assertEquals(3, at32.kernelSize());
        assertEquals(0.1 / 16, at32.sigmaMin(), 1e-15);
        assertEquals(10.0 / 16, at32.sigmaMax(), 1e-15);
        assertEquals(1.0, at32.scaleMin());
        assertEquals(4.0, at32.scaleMax());
        assertEquals(0.0, at32.noiseMin());
        assertEquals(10.0, at32.noiseMax());
        assertEquals(60, at32.jpegMin());
        assertEquals(100, at32.jpegMax());
        assertEquals(DegradationPreset.GFPGAN.atResolution(64).sigmaMax(),
                DegradationPreset.LIGHT.atResolution(64).sigmaMax(), "LIGHT keeps GFPGAN's blur");
        assertEquals(DegradationPreset.LIGHT, LrpoSettings.read(ConfigLoader.load(Optional.empty(),
                List.of("degradation.preset=light"))).degradation().preset(), "config word");
    }

    @Test
    void lightDrawsFillTheirRangesAndKeepEightPixelsOfA32PixelFace() {
        // The draws themselves, not only the declared ranges: the extremes of 4000 draws sit within 0.5% of the
        // ends of each range (a uniform draw misses a 0.5% end strip 4000 times with probability 2e-9).
        double rMin = Double.MAX_VALUE;
        double rMax = 0;
        double sigmaMax = 0;
        double noiseMax = 0;
        int lowMin = Integer.MAX_VALUE;
        for (int i = 0; i < 4000; i++) {
            DegradationParams p = Degradation.draw(DegradationPreset.LIGHT, 32, 8, "small-" + i, i % 5);
            rMin = Math.min(rMin, p.downscale());
            rMax = Math.max(rMax, p.downscale());
            sigmaMax = Math.max(sigmaMax, Math.max(p.sigmaX(), p.sigmaY()));
            noiseMax = Math.max(noiseMax, p.noiseSigma() * 255);
            lowMin = Math.min(lowMin, p.lowSize(32));
        }
        assertTrue(rMin >= 1.0 && rMin < 1.015, "smallest r " + rMin);
        assertTrue(rMax < 4.0 && rMax > 3.985, "largest r " + rMax);
        assertTrue(sigmaMax < 0.625 && sigmaMax > 0.62, "largest sigma at 32 px " + sigmaMax);
        assertTrue(noiseMax < 10.0 && noiseMax > 9.95, "largest noise level " + noiseMax);
        assertTrue(lowMin >= 8, "a 32-pixel face went down to " + lowMin + " pixels");
        // The reason for the preset: DIFFBIR at 32 pixels goes down to round(32 / 12) = 3.
        int diffbirLowMin = Integer.MAX_VALUE;
        for (int i = 0; i < 4000; i++) {
            diffbirLowMin = Math.min(diffbirLowMin,
                    Degradation.draw(DegradationPreset.DIFFBIR, 32, 8, "small-" + i, i % 5).lowSize(32));
        }
        assertEquals(3, diffbirLowMin);
    }

    @Test
    void gentlestSettingsLeaveTheImageAlmostUnchanged() {
        RgbImage smooth = TestPatterns.smooth(64, 64);
        DegradationParams gentle = new DegradationParams(5, true, 0.01, 0.01, 0.0, 1.0, 0.0, 1L, 100);
        RgbImage lq = Degradation.applyWith(smooth, gentle);
        // Only JPEG at quality 100 (4:2:0 chroma) acts: a fraction of an 8-bit level on average.
        assertTrue(meanAbsDiff(smooth, lq) < 1.0 / 255, "mean |lq - hq| = " + meanAbsDiff(smooth, lq));
        assertTrue(psnr(smooth, lq) > 40, "PSNR " + psnr(smooth, lq));
    }

    @Test
    void strongBlurRemovesHighFrequencies() {
        RgbImage detailed = TestPatterns.detailed(128, 128);
        DegradationParams sharp = new DegradationParams(11, true, 0.01, 0.01, 0.0, 1.0, 0.0, 1L, 100);
        DegradationParams blurred = new DegradationParams(11, true, 3.0, 3.0, 0.0, 1.0, 0.0, 1L, 100);
        double hf = TestPatterns.gradientEnergy(detailed);
        double hfSharp = TestPatterns.gradientEnergy(Degradation.applyWith(detailed, sharp));
        double hfBlur = TestPatterns.gradientEnergy(Degradation.applyWith(detailed, blurred));
        assertEquals(hf, hfSharp, 0.05 * hf, "near-identity settings keep the detail");
        assertTrue(hfBlur < 0.1 * hf, "blur sigma 3 kept " + hfBlur / hf + " of the gradient energy");
    }

    @Test
    void downscalingLosesDetailAndNoiseHasTheDrawnLevel() {
        RgbImage detailed = TestPatterns.detailed(128, 128);
        DegradationParams halfSize = new DegradationParams(11, true, 0.01, 0.01, 0.0, 4.0, 0.0, 1L, 100);
        assertTrue(TestPatterns.gradientEnergy(Degradation.applyWith(detailed, halfSize))
                < 0.5 * TestPatterns.gradientEnergy(detailed));

        float[] grey = new float[3 * 96 * 96];
        java.util.Arrays.fill(grey, 0.5f);
        RgbImage flat = RgbImage.wrap(96, 96, grey);
        double sigma = 10 / 255.0;
        DegradationParams noisy = new DegradationParams(5, true, 0.01, 0.01, 0.0, 1.0, sigma, 77L, 100);
        double sd = Math.sqrt(meanSquaredDiff(flat, Degradation.applyWith(flat, noisy)));
        // JPEG's 4:2:0 chroma averaging removes part of independent per-channel noise (about a quarter of
        // its standard deviation here); the rest must be there, and no more than was added.
        assertTrue(sd > 0.6 * sigma && sd < 1.02 * sigma, "noise sd " + sd * 255 + " levels, drawn 10");
    }

    @Test
    void nonSquareImagesKeepTheirSize() {
        RgbImage wide = TestPatterns.detailed(80, 48);
        Degraded d = Degradation.apply(wide, DegradationPreset.DIFFBIR, 1, "wide", 0);
        assertEquals(80, d.lq().width());
        assertEquals(48, d.lq().height());
        // The shorter side sets the scale: 48 / 512 * 41 = 3.8 -> 3.
        assertEquals(DegradationPreset.DIFFBIR.atResolution(48).kernelSize(), d.params().kernelSize());
    }

    @Test
    void invalidParametersAreRejectedWithTheirValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DegradationParams(4, true, 1, 1, 0, 1, 0, 0, 90));
        assertTrue(e.getMessage().contains("4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DegradationParams(5, true, 1, 2, 0, 1, 0, 0, 90));
        assertThrows(IllegalArgumentException.class, () -> new DegradationParams(5, false, 1, 2, 4, 1, 0, 0, 90));
        assertThrows(IllegalArgumentException.class, () -> new DegradationParams(5, false, 1, 2, 0, 0, 0, 0, 90));
        assertThrows(IllegalArgumentException.class, () -> new DegradationParams(5, false, 1, 2, 0, 1, -1, 0, 90));
        assertThrows(IllegalArgumentException.class, () -> new DegradationParams(5, false, 1, 2, 0, 1, 0, 0, 0));
    }

    private static double meanAbsDiff(RgbImage a, RgbImage b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += Math.abs(a.chw()[i] - b.chw()[i]);
        }
        return s / a.size();
    }

    private static double meanSquaredDiff(RgbImage a, RgbImage b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = a.chw()[i] - b.chw()[i];
            s += d * d;
        }
        return s / a.size();
    }

    private static double psnr(RgbImage a, RgbImage b) {
        return 10 * Math.log10(1.0 / meanSquaredDiff(a, b));
    }
}

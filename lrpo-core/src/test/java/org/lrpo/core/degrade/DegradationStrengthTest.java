package org.lrpo.core.degrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DegradationStrengthTest {
    /** A kernel this narrow adds 2e-9 to r_eff: nothing at the precision of these tests. */
    private static final double NO_BLUR = 1e-9;

    private static DegradationParams params(double sigma, double r, double noiseLevels, int quality) {
        return new DegradationParams(5, true, sigma, sigma, 0.0, r, noiseLevels / 255.0, 1L, quality);
    }

    @Test
    void binBoundariesAreMildBelow2ModerateFrom2SevereFrom3() {
        assertEquals(DegradationStrength.MILD, DegradationStrength.ofSeverity(0.0));
        assertEquals(DegradationStrength.MILD, DegradationStrength.ofSeverity(Math.nextDown(2.0)));
        assertEquals(DegradationStrength.MODERATE, DegradationStrength.ofSeverity(2.0));
        assertEquals(DegradationStrength.MODERATE, DegradationStrength.ofSeverity(Math.nextDown(3.0)));
        assertEquals(DegradationStrength.SEVERE, DegradationStrength.ofSeverity(3.0));
        assertEquals(DegradationStrength.SEVERE, DegradationStrength.ofSeverity(40.0));
        assertEquals(2.0, DegradationStrength.MODERATE_FROM);
        assertEquals(3.0, DegradationStrength.SEVERE_FROM);
        assertEquals("mild", DegradationStrength.MILD.label());
        assertEquals("moderate", DegradationStrength.MODERATE.label());
        assertEquals("severe", DegradationStrength.SEVERE.label());
        assertThrows(IllegalArgumentException.class, () -> DegradationStrength.ofSeverity(-0.5));
        assertThrows(IllegalArgumentException.class, () -> DegradationStrength.ofSeverity(Double.NaN));
    }

    @Test
    void downsamplingAloneCountsItsOctaves() {
        // Exactly 4x and 8x land exactly on the boundaries, on the upper side.
        assertEquals(2.0, DegradationStrength.severity(params(NO_BLUR, 4.0, 0, 100)), 0.0);
        assertEquals(DegradationStrength.MODERATE, DegradationStrength.of(params(NO_BLUR, 4.0, 0, 100)));
        assertEquals(3.0, DegradationStrength.severity(params(NO_BLUR, 8.0, 0, 100)), 0.0);
        assertEquals(DegradationStrength.SEVERE, DegradationStrength.of(params(NO_BLUR, 8.0, 0, 100)));
        assertEquals(DegradationStrength.MILD, DegradationStrength.of(params(NO_BLUR, 3.99, 0, 100)));
        assertEquals(DegradationStrength.MODERATE, DegradationStrength.of(params(NO_BLUR, 7.99, 0, 100)));
        assertEquals(1.0, DegradationStrength.severity(params(NO_BLUR, 2.0, 0, 100)), 1e-12);
        // Nothing done: 0. An enlargement (r < 1) loses nothing either.
        assertEquals(0.0, DegradationStrength.severity(params(NO_BLUR, 1.0, 0, 100)), 1e-8);
        assertEquals(0.0, DegradationStrength.severity(params(NO_BLUR, 0.8, 0, 100)), 1e-8);
    }

    @Test
    void blurCountsAsADownsamplingByOnePlusTwoSigmaAndAddsInQuadrature() {
        assertEquals(4.0, DegradationStrength.effectiveDownscale(params(1.5, 1.0, 0, 100)), 1e-12);
        assertEquals(2.0, DegradationStrength.severity(params(1.5, 1.0, 0, 100)), 1e-12);
        // sigma 2 (as r = 5) with r = 4: 1 + sqrt(4^2 + 3^2) = 6.
        assertEquals(6.0, DegradationStrength.effectiveDownscale(params(2.0, 4.0, 0, 100)), 1e-12);
        // An anisotropic kernel counts by its total variance: sigmas (sqrt(8), ~0) are like 2 and 2.
        DegradationParams stretched = new DegradationParams(5, false, Math.sqrt(8.0), NO_BLUR, 0.7, 4.0, 0.0, 1L, 100);
        assertEquals(6.0, DegradationStrength.effectiveDownscale(stretched), 1e-9);
    }

    @Test
    void noiseAndJpegAddTheirUnits() {
        // 10 noise levels = 1, 50 quality points = 1.
        assertEquals(1.0, DegradationStrength.severity(params(NO_BLUR, 1.0, 10, 100)), 1e-8);
        assertEquals(1.0, DegradationStrength.severity(params(NO_BLUR, 1.0, 0, 50)), 1e-8);
        assertEquals(1.0 + 1.5 + 1.4, DegradationStrength.severity(params(NO_BLUR, 2.0, 15, 30)), 1e-8);
        // r = 2 (1) + 5 levels (0.5) + q 80 (0.4) = 1.9: mild; q 70 makes it 2.1: moderate.
        assertEquals(DegradationStrength.MILD, DegradationStrength.of(params(NO_BLUR, 2.0, 5, 80)));
        assertEquals(DegradationStrength.MODERATE, DegradationStrength.of(params(NO_BLUR, 2.0, 5, 70)));
        // r = 4 (2) + 10 levels (1): severe.
        assertEquals(DegradationStrength.SEVERE, DegradationStrength.of(params(NO_BLUR, 4.0, 10, 100)));
        // Every term raises the severity.
        double base = DegradationStrength.severity(params(0.5, 2.0, 3, 90));
        assertTrue(DegradationStrength.severity(params(0.6, 2.0, 3, 90)) > base);
        assertTrue(DegradationStrength.severity(params(0.5, 2.1, 3, 90)) > base);
        assertTrue(DegradationStrength.severity(params(0.5, 2.0, 4, 90)) > base);
        assertTrue(DegradationStrength.severity(params(0.5, 2.0, 3, 89)) > base);
    }

    @Test
    void lightPresetDrawsFillAllThreeBinsAtSmallSizes() {
        // The params come back with every Degraded, so an evaluation can bin what it actually applied.
        Degraded d = Degradation.apply(TestPatterns.detailed(32, 32), DegradationPreset.LIGHT, 3, "face", 0);
        assertEquals(DegradationStrength.ofSeverity(DegradationStrength.severity(d.params())),
                DegradationStrength.of(d.params()));
        for (int resolution : new int[] {32, 64}) {
            Map<DegradationStrength, Integer> counts = new EnumMap<>(DegradationStrength.class);
            int n = 2000;
            for (int i = 0; i < n; i++) {
                DegradationParams p = Degradation.draw(DegradationPreset.LIGHT, resolution, 6, "id-" + i, 0);
                counts.merge(DegradationStrength.of(p), 1, Integer::sum);
            }
            for (DegradationStrength bin : DegradationStrength.values()) {
                // About 31/59/10% at 32 and 17/65/18% at 64; 5% is several standard deviations below each.
                assertTrue(counts.getOrDefault(bin, 0) > 0.05 * n, "LIGHT at " + resolution + ": " + counts);
            }
        }
        Map<DegradationStrength, Integer> diffbir = new EnumMap<>(DegradationStrength.class);
        for (int i = 0; i < 2000; i++) {
            diffbir.merge(DegradationStrength.of(Degradation.draw(DegradationPreset.DIFFBIR, 32, 6, "id-" + i, 0)), 1,
                    Integer::sum);
        }
        assertTrue(diffbir.getOrDefault(DegradationStrength.SEVERE, 0) > 0.75 * 2000, "DIFFBIR at 32: " + diffbir);
    }
}

package org.lrpo.rewards.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapIntervalTest {

    private static double[] normal(int n, double mean, double sd, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mean + sd * r.nextGaussian();
        }
        return x;
    }

    @Test
    void intervalContainsTheMeanAndShrinksWithMoreFaces() {
        double[] few = normal(20, 25.0, 2.0, 1);
        double[] many = normal(500, 25.0, 2.0, 2);
        BootstrapInterval a = BootstrapInterval.of(few, 0.95, 2000, new SplittableRandom(3));
        BootstrapInterval b = BootstrapInterval.of(many, 0.95, 2000, new SplittableRandom(3));
        assertTrue(a.low() < a.mean() && a.mean() < a.high(), a.toString());
        assertTrue(b.low() < b.mean() && b.mean() < b.high(), b.toString());
        assertTrue(b.high() - b.low() < 0.5 * (a.high() - a.low()), a + " vs " + b);
        assertEquals(20, a.n());
    }

    @Test
    void widthMatchesTheNormalApproximationForALargeSample() {
        // For the mean of n iid values the percentile interval tends to mean ± 1.96 s / sqrt(n).
        double[] x = normal(2000, 0.0, 3.0, 5);
        double s = 0;
        double m = java.util.Arrays.stream(x).average().orElseThrow();
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        double expected = 2 * 1.959964 * Math.sqrt(s / (x.length - 1)) / Math.sqrt(x.length);
        BootstrapInterval b = BootstrapInterval.of(x, 0.95, 4000, new SplittableRandom(9));
        assertEquals(expected, b.high() - b.low(), 0.06 * expected);
    }

    @Test
    void coversTheTrueMeanAboutAsOftenAsItClaims() {
        int covered = 0;
        int trials = 300;
        for (int t = 0; t < trials; t++) {
            double[] x = normal(40, 10.0, 1.0, 100 + t);
            if (!BootstrapInterval.of(x, 0.9, 1000, new SplittableRandom(t)).excludes(10.0)) {
                covered++;
            }
        }
        // 90 % nominal; the percentile bootstrap under-covers a little at n = 40. Binomial sd at 300 trials ≈ 1.7 %.
        assertTrue(covered > 0.83 * trials && covered < 0.96 * trials, covered + " of " + trials);
    }

    @Test
    void identicalValuesGiveAZeroWidthInterval() {
        // A model compared with itself: every per-face difference is 0.
        BootstrapInterval d = BootstrapInterval.of(new double[] {0, 0, 0, 0, 0}, 0.95, 500, new SplittableRandom(1));
        assertEquals(0.0, d.mean());
        assertEquals(0.0, d.low());
        assertEquals(0.0, d.high());
        assertFalse(d.excludes(0.0));
    }

    @Test
    void nanValuesAreLeftOutAndNoValueGivesNan() {
        BootstrapInterval b = BootstrapInterval.of(new double[] {1, Double.NaN, 3}, 0.95, 100, new SplittableRandom(1));
        assertEquals(2, b.n());
        assertEquals(2.0, b.mean(), 1e-12);
        BootstrapInterval none = BootstrapInterval.of(new double[] {Double.NaN}, 0.95, 100, new SplittableRandom(1));
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.mean()));
    }

    @Test
    void quantileInterpolatesAsNumpyDoes() {
        // numpy.quantile([1, 2, 3, 4], 0.1) = 1.3; 0.975 -> 3.925
        double[] s = {1, 2, 3, 4};
        assertEquals(1.3, BootstrapInterval.quantile(s, 0.1), 1e-12);
        assertEquals(3.925, BootstrapInterval.quantile(s, 0.975), 1e-12);
    }

    @Test
    void sameSeedSameInterval() {
        double[] x = normal(30, 1, 1, 4);
        assertEquals(BootstrapInterval.of(x, 0.95, 300, new SplittableRandom(8)),
                BootstrapInterval.of(x, 0.95, 300, new SplittableRandom(8)));
    }
}

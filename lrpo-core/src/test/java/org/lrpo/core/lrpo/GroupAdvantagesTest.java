package org.lrpo.core.lrpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupAdvantagesTest {

    @Test
    void handWorkedExample() {
        // Rewards 1,2,3 | 4,4,4. Global mean 3; squared deviations 4,1,0,1,1,1 -> population
        // variance 8/6, std = 1.1547005383792515. Group 0 mean 2 -> A = (-1, 0, 1) / (std + 1e-4).
        GroupAdvantages a = GroupAdvantages.compute(new double[][] {{1, 2, 3}, {4, 4, 4}});
        double d = 1.1547005383792515 + 1e-4;
        assertArrayEquals(new double[] {-1 / d, 0, 1 / d}, a.group(0), 1e-15);
        assertArrayEquals(new double[] {0, 0, 0}, a.group(1), 0.0);
        assertEquals(3.0, a.rewardMean(), 1e-15);
        assertEquals(1.1547005383792515, a.rewardStd(), 1e-15);
        assertTrue(a.isKept(0));
        assertFalse(a.isKept(1), "a group whose advantages are all zero is dropped");
        assertEquals(1, a.keptGroups());
    }

    @Test
    void matchesATwoPassComputationOnRandomRewards() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] r = new double[7][9];
        for (double[] g : r) {
            for (int c = 0; c < g.length; c++) {
                g[c] = rng.nextDouble();
            }
        }
        GroupAdvantages a = GroupAdvantages.compute(r);
        // Independent: flatten, numerically-stable Welford variance, then per-group means.
        double mean = 0;
        double m2 = 0;
        int n = 0;
        for (double[] g : r) {
            for (double x : g) {
                n++;
                double delta = x - mean;
                mean += delta / n;
                m2 += delta * (x - mean);
            }
        }
        double std = Math.sqrt(m2 / n);
        for (int g = 0; g < r.length; g++) {
            double gm = java.util.Arrays.stream(r[g]).average().orElseThrow();
            for (int c = 0; c < 9; c++) {
                assertEquals((r[g][c] - gm) / (std + 1e-4), a.advantage(g, c), 1e-12);
            }
        }
        // Advantages of a group sum to zero.
        for (int g = 0; g < r.length; g++) {
            assertEquals(0.0, java.util.Arrays.stream(a.group(g)).sum(), 1e-12);
        }
    }

    @Test
    void allEqualRewardsGiveZeroAdvantagesNotNaN() {
        GroupAdvantages a = GroupAdvantages.compute(new double[][] {{0.5, 0.5}, {0.5, 0.5}});
        assertEquals(0.0, a.advantage(1, 1));
        assertEquals(0, a.keptGroups());
    }

    @Test
    void badInputIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GroupAdvantages.compute(new double[][] {{1, 2}, {1}})).getMessage().contains("group 1 has 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GroupAdvantages.compute(new double[][] {{1, Double.NaN}})).getMessage().contains("not finite"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GroupAdvantages.compute(new double[][] {{1}})).getMessage().contains("G >= 2"));
    }

    @Test
    void tiesThatRoundingMakesUnequalAreDroppedAndRealDifferencesAreKept() {
        double[] nineTenths = new double[9];
        java.util.Arrays.fill(nineTenths, 0.1);
        double[] almost = nineTenths.clone();
        almost[4] = 0.1 + 1e-9;
        GroupAdvantages a = GroupAdvantages.compute(new double[][] {nineTenths, almost, {0.3, 0.7, 0.5, 0.5, 0.5,
                0.5, 0.5, 0.5, 0.5}});
        assertFalse(a.isKept(0), "nine copies of 0.1 are a tie although their computed mean is not 0.1");
        assertArrayEquals(new double[9], a.group(0), 0.0);
        assertTrue(a.isKept(1), "a difference of 1e-9 is a real difference");
        assertTrue(a.isKept(2));
        assertEquals(2, a.keptGroups());
        GroupAdvantages large = GroupAdvantages.compute(new double[][] {{1e6 / 3, 1e6 / 3 * (1 + 1e-15)}, {0, 1}});
        assertFalse(large.isKept(0), "the tolerance is relative to the rewards' size");
    }
}

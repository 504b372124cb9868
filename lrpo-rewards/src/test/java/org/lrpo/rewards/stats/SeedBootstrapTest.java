package org.lrpo.rewards.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedBootstrapTest {

    /** {@code seeds} runs on {@code faces} faces: face difficulty shared, each run offset by runSpread. */
    private static double[][] runs(int seeds, int faces, double runSpread, long seed) {
        Random r = new Random(seed);
        double[] difficulty = new double[faces];
        for (int f = 0; f < faces; f++) {
            difficulty[f] = 2.0 * r.nextGaussian();
        }
        double[][] v = new double[seeds][faces];
        for (int s = 0; s < seeds; s++) {
            double offset = runSpread * r.nextGaussian();
            for (int f = 0; f < faces; f++) {
                v[s][f] = 25 + difficulty[f] + offset + 0.3 * r.nextGaussian();
            }
        }
        return v;
    }

    @Test
    void oneSeedIsTheFacesOnlyBootstrap() {
        double[][] v = runs(1, 200, 0, 1);
        BootstrapInterval seeds = SeedBootstrap.of(v, 0.95, 4000, new SplittableRandom(2));
        BootstrapInterval faces = BootstrapInterval.of(v[0], 0.95, 4000, new SplittableRandom(3));
        assertEquals(faces.mean(), seeds.mean(), 1e-12);
        assertEquals(faces.high() - faces.low(), seeds.high() - seeds.low(), 0.08 * (faces.high() - faces.low()));
    }

    @Test
    void runToRunSpreadWidensTheInterval() {
        // The same faces and noise; only the runs' offsets differ.
        BootstrapInterval steady = SeedBootstrap.of(runs(5, 100, 0.0, 7), 0.95, 2000, new SplittableRandom(1));
        BootstrapInterval spread = SeedBootstrap.of(runs(5, 100, 1.5, 7), 0.95, 2000, new SplittableRandom(1));
        assertTrue(spread.high() - spread.low() > 2 * (steady.high() - steady.low()), steady + " vs " + spread);
        assertTrue(spread.low() <= spread.mean() && spread.mean() <= spread.high());
    }

    @Test
    void aModelAgainstItselfDiffersByZero() {
        double[][] v = runs(3, 50, 1.0, 4);
        BootstrapInterval d = SeedBootstrap.difference(v, v, 0.95, 1000, new SplittableRandom(5));
        assertEquals(0.0, d.mean(), 1e-12);
        // Each side draws its own seeds, so the interval is not a point, but it is centred on zero.
        assertTrue(d.low() < 0 && d.high() > 0, d.toString());
    }

    @Test
    void theMeanIsTheHandComputedOne() {
        double[][] a = {{1, 2, 3}, {3, 4, 5}};
        double[][] b = {{0, 0, Double.NaN}};
        // a per face over seeds: 2, 3, 4; b: 0, 0, NaN -> the third face is left out: mean(2, 3) = 2.5
        assertEquals(2.5, SeedBootstrap.difference(a, b, 0.9, 200, new SplittableRandom(1)).mean(), 1e-12);
        assertEquals(3.0, SeedBootstrap.of(a, 0.9, 200, new SplittableRandom(1)).mean(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> SeedBootstrap.difference(a, new double[][] {{1, 2}}, 0.9, 10, new SplittableRandom(1)));
    }
}

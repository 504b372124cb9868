package org.lrpo.core.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lrpo.core.testing.PythonReference;

class SimilarityTransformTest {

    @Test
    void recoversAKnownTransformFromNoiselessPoints() {
        SimilarityTransform truth = SimilarityTransform.of(2.75, -31.0, 140.25, -12.5);
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 7;
        double[] sx = new double[n];
        double[] sy = new double[n];
        double[] dx = new double[n];
        double[] dy = new double[n];
        for (int i = 0; i < n; i++) {
            sx[i] = rnd.nextDouble(0, 400);
            sy[i] = rnd.nextDouble(0, 300);
            dx[i] = truth.applyX(sx[i], sy[i]);
            dy[i] = truth.applyY(sx[i], sy[i]);
        }
        SimilarityTransform fit = SimilarityTransform.estimate(sx, sy, dx, dy);
        // Coordinates of a few hundred: the fit reproduces them to ~1e-13 relative.
        assertEquals(truth.a(), fit.a(), 1e-12);
        assertEquals(truth.b(), fit.b(), 1e-12);
        assertEquals(truth.tx(), fit.tx(), 1e-10);
        assertEquals(truth.ty(), fit.ty(), 1e-10);
        assertEquals(2.75, fit.scale(), 1e-12);
        assertEquals(-31.0, fit.rotationDegrees(), 1e-10);
    }

    @Test
    void twoPointsFixTheTransformExactly() {
        // (0, 0) -> (10, 20) and (1, 0) -> (10, 22): scale 2, rotated +90 degrees (x axis onto y axis).
        SimilarityTransform t = SimilarityTransform.estimate(new double[] {0, 1}, new double[] {0, 0},
                new double[] {10, 10}, new double[] {20, 22});
        assertEquals(0.0, t.a(), 1e-15);
        assertEquals(2.0, t.b(), 1e-15);
        assertEquals(10.0, t.tx(), 1e-15);
        assertEquals(20.0, t.ty(), 1e-15);
        assertEquals(90.0, t.rotationDegrees(), 1e-12);
        double[] p = t.apply(3, 4);
        // (a x - b y + tx, b x + a y + ty) = (-8 + 10, 6 + 20)
        assertEquals(2.0, p[0], 1e-15);
        assertEquals(26.0, p[1], 1e-15);
    }

    @Test
    void inverseUndoesApply() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int k = 0; k < 50; k++) {
            SimilarityTransform t = SimilarityTransform.of(rnd.nextDouble(0.05, 20), rnd.nextDouble(-180, 180),
                    rnd.nextDouble(-1000, 1000), rnd.nextDouble(-1000, 1000));
            SimilarityTransform inv = t.inverse();
            assertEquals(1.0 / t.scale(), inv.scale(), 1e-12 / t.scale());
            assertEquals(0.0, Math.IEEEremainder(t.rotationDegrees() + inv.rotationDegrees(), 360.0), 1e-9);
            for (int j = 0; j < 5; j++) {
                double x = rnd.nextDouble(-3000, 3000);
                double y = rnd.nextDouble(-3000, 3000);
                double fx = t.applyX(x, y);
                double fy = t.applyY(x, y);
                // Round trip through coordinates up to ~6e4: a few ulps of those magnitudes.
                assertEquals(x, inv.applyX(fx, fy), 1e-8);
                assertEquals(y, inv.applyY(fx, fy), 1e-8);
                assertEquals(x, t.applyX(inv.applyX(x, y), inv.applyY(x, y)), 1e-8);
                assertEquals(y, t.applyY(inv.applyX(x, y), inv.applyY(x, y)), 1e-8);
            }
        }
    }

    @Test
    void matchesSkimageEstimateOnRandomPointSets() throws Exception {
        String why = PythonReference.unavailableReason("numpy", "skimage.transform");
        assertNull(why, () -> "skimage reference unavailable: " + why);
        int n = 5;
        int cases = 40;
        SplittableRandom rnd = new SplittableRandom(2024);
        double[] all = new double[cases * 4 * n];
        for (int c = 0; c < cases; c++) {
            int base = c * 4 * n;
            // Half the cases: unrelated random clouds (a poor fit, det A of either sign). The other half:
            // a face-like 5-point set under a random similarity plus noise, with some mirrored, as
            // estimate must still return the best rotation (no reflection) for those.
            boolean noisyFace = c % 2 == 1;
            SimilarityTransform t = SimilarityTransform.of(rnd.nextDouble(0.1, 8), rnd.nextDouble(-180, 180),
                    rnd.nextDouble(-500, 500), rnd.nextDouble(-500, 500));
            boolean mirror = c % 4 == 3;
            for (int i = 0; i < n; i++) {
                double sx = rnd.nextDouble(0, 2000);
                double sy = rnd.nextDouble(0, 1500);
                all[base + i] = sx;
                all[base + n + i] = sy;
                if (noisyFace) {
                    double mx = mirror ? -sx : sx;
                    all[base + 2 * n + i] = t.applyX(mx, sy) + rnd.nextGaussian() * 3;
                    all[base + 3 * n + i] = t.applyY(mx, sy) + rnd.nextGaussian() * 3;
                } else {
                    all[base + 2 * n + i] = rnd.nextDouble(0, 512);
                    all[base + 3 * n + i] = rnd.nextDouble(0, 512);
                }
            }
        }
        Path dir = Files.createTempDirectory("align-est");
        PythonReference.writeDoubles(dir.resolve("points.f64"), all);
        PythonReference.run("align_reference.py", "estimate", dir.resolve("points.f64").toString(), "" + n,
                dir.resolve("params.f64").toString());
        double[] want = PythonReference.readDoubles(dir.resolve("params.f64"));
        assertEquals(4 * cases, want.length);
        double worst = 0;
        for (int c = 0; c < cases; c++) {
            int base = c * 4 * n;
            double[][] p = new double[4][n];
            for (int k = 0; k < 4; k++) {
                System.arraycopy(all, base + k * n, p[k], 0, n);
            }
            SimilarityTransform fit = SimilarityTransform.estimate(p[0], p[1], p[2], p[3]);
            double[] got = {fit.a(), fit.b(), fit.tx(), fit.ty()};
            for (int k = 0; k < 4; k++) {
                double d = Math.abs(got[k] - want[4 * c + k]);
                worst = Math.max(worst, d);
                // The closed form and skimage's SVD differ only in rounding: 1e-9 absolute on translations of
                // up to a few thousand pixels is still ~1e-12 relative.
                assertEquals(want[4 * c + k], got[k], 1e-9, "case " + c + " parameter " + "a b tx ty".split(" ")[k]);
            }
        }
        System.out.printf("SimilarityTransform vs skimage: worst parameter difference %.3g over %d cases%n",
                worst, cases);
    }

    @Test
    void rejectsDegenerateInput() {
        double[] one = {5};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.estimate(one, one, one, one));
        assertTrue(e.getMessage().contains("2 distinct source points"), e.getMessage());
        double[] same = {5, 5, 5};
        double[] spread = {0, 1, 2};
        e = assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.estimate(same, same, spread, spread));
        assertTrue(e.getMessage().contains("2 distinct source points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.estimate(new double[0], new double[0], new double[0], new double[0]));
        assertTrue(e.getMessage().contains("2 distinct source points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.estimate(spread, new double[] {0, Double.NaN, 1}, spread, spread));
        assertTrue(e.getMessage().contains("not finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.estimate(spread, spread, spread, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("differ in length"), e.getMessage());
        // All destinations at one point: the best fit has scale 0.
        e = assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.estimate(spread, new double[] {0, 0, 0}, same, same));
        assertTrue(e.getMessage().contains("scale 0"), e.getMessage());
        // A mirror image of a symmetric cross: no rotation fits it better than collapsing it.
        e = assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(
                new double[] {-1, 1, 0, 0}, new double[] {0, 0, -1, 1},
                new double[] {1, -1, 0, 0}, new double[] {0, 0, -1, 1}));
        assertTrue(e.getMessage().contains("mirror"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SimilarityTransform(0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SimilarityTransform(1, Double.NaN, 0, 0));
    }
}

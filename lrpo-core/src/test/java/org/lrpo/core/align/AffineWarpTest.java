package org.lrpo.core.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.testing.PythonReference;

class AffineWarpTest {

    @Test
    void identityAndIntegerShiftsMovePixelsUnchanged() {
        RgbImage img = random(9, 7, 1);
        assertArrayEquals(img.chw(), AffineWarp.warp(img, SimilarityTransform.IDENTITY, 9, 7).chw());
        // Source (x, y) lands at (x + 2, y - 1): output (X, Y) shows source (X - 2, Y + 1).
        RgbImage shifted = AffineWarp.warp(img, new SimilarityTransform(1, 0, 2, -1), 9, 7);
        for (int c = 0; c < 3; c++) {
            assertEquals(img.get(c, 1, 0), shifted.get(c, 0, 2));
            assertEquals(img.get(c, 6, 6), shifted.get(c, 5, 8));
            // Left of the source: edge replication of column 0.
            assertEquals(img.get(c, 3, 0), shifted.get(c, 2, 0));
            assertEquals(img.get(c, 3, 0), shifted.get(c, 2, 1));
            // Below the source: edge replication of row 6.
            assertEquals(img.get(c, 6, 4), shifted.get(c, 6, 6));
        }
    }

    @Test
    void handWorkedBilinearSampleAndFarCorner() {
        // 2x2 planes 0 1 / 2 3, translated by (-0.25, -0.5): output (0, 0) samples the source at (0.25, 0.5):
        // top = 0.75*0 + 0.25*1 = 0.25, bottom = 0.75*2 + 0.25*3 = 2.25, value = 0.5*0.25 + 0.5*2.25 = 1.25.
        float[] plane = {0, 1, 2, 3};
        float[] chw = new float[12];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(plane, 0, chw, 4 * c, 4);
        }
        RgbImage img = RgbImage.wrap(2, 2, chw);
        RgbImage out = AffineWarp.warp(img, new SimilarityTransform(1, 0, -0.25, -0.5), 5, 5);
        assertEquals(1.25f, out.get(0, 0, 0), 1e-7f);
        // Output (4, 4) samples (4.25, 4.5): beyond the bottom-right corner, so the corner's value.
        assertEquals(3f, out.get(2, 4, 4), 0f);
        assertThrows(IllegalArgumentException.class, () -> AffineWarp.warp(img, SimilarityTransform.IDENTITY, 0, 3));
    }

    @Test
    void matchesSkimageWarpWithEdgeMode() throws Exception {
        String why = PythonReference.unavailableReason("numpy", "skimage.transform");
        assertNull(why, () -> "skimage reference unavailable: " + why);
        int w = 97;
        int h = 83;
        RgbImage img = random(w, h, 7);
        // Shrink-and-rotate (a face cut out of a photo, part of the output outside the source) and
        // enlarge-and-rotate past 90 degrees (a small face brought up to the model's resolution).
        SimilarityTransform[] cases = {
            centred(0.8, 23.0, 40.3, 47.9, 28.6, 33.2),
            centred(2.37, -141.5, 80.1, 12.4, 64.5, 48.3),
        };
        int[][] outSizes = {{64, 64}, {128, 96}};
        Path dir = Files.createTempDirectory("align-warp");
        PythonReference.writeFloats(dir.resolve("image.f32"), img.chw());
        double worst = 0;
        for (int k = 0; k < cases.length; k++) {
            SimilarityTransform t = cases[k];
            int ow = outSizes[k][0];
            int oh = outSizes[k][1];
            Path out = dir.resolve("warp" + k + ".f64");
            PythonReference.run("align_reference.py", "warp", dir.resolve("image.f32").toString(), "" + h, "" + w,
                    "" + t.a(), "" + t.b(), "" + t.tx(), "" + t.ty(), "" + oh, "" + ow, out.toString());
            double[] want = PythonReference.readDoubles(out);
            RgbImage got = AffineWarp.warp(img, t, ow, oh);
            assertEquals(want.length, got.size());
            int outside = 0;
            for (int i = 0; i < want.length; i++) {
                double d = Math.abs(want[i] - got.chw()[i]);
                worst = Math.max(worst, d);
                // Same double arithmetic, then one float rounding of values in [0, 1].
                assertEquals(want[i], got.chw()[i], 1e-5, "case " + k + " value " + i);
            }
            SimilarityTransform back = t.inverse();
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    double sx = back.applyX(x, y);
                    double sy = back.applyY(x, y);
                    outside += sx < 0 || sy < 0 || sx > w - 1 || sy > h - 1 ? 1 : 0;
                }
            }
            // Both cases exercise the border: some outputs map outside the source, most inside.
            assertTrue(outside > 0 && outside < ow * oh / 2, "case " + k + ": " + outside + " outside");
            System.out.printf("case %d: %d of %d outputs map outside the source%n", k, outside, ow * oh);
        }
        System.out.printf("AffineWarp vs skimage.transform.warp(order=1, mode='edge'): worst difference %.3g%n", worst);
    }

    /** Scale and rotation taking source point {@code (sx, sy)} to output point {@code (dx, dy)}. */
    private static SimilarityTransform centred(double scale, double degrees, double sx, double sy, double dx,
            double dy) {
        SimilarityTransform r = SimilarityTransform.of(scale, degrees, 0, 0);
        return new SimilarityTransform(r.a(), r.b(), dx - r.applyX(sx, sy), dy - r.applyY(sx, sy));
    }

    static RgbImage random(int w, int h, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[3 * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble();
        }
        return RgbImage.wrap(w, h, v);
    }
}

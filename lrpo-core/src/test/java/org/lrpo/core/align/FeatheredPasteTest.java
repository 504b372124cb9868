package org.lrpo.core.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;

class FeatheredPasteTest {

    @Test
    void handWorkedAxisAlignedMask() {
        // A 10x10 crop taken from photo pixels 20..29 x 30..39 (photoToCrop = translation by (-20, -30)).
        SimilarityTransform t = new SimilarityTransform(1, 0, -20, -30);
        FeatherMask hard = FeatherMask.of(64, 64, 10, 10, t, 0);
        assertEquals(new FeatherMask.Box(20, 30, 10, 10), hard.bounds());
        assertEquals(1f, hard.weight(20, 30));
        assertEquals(1f, hard.weight(29, 39));
        assertEquals(0f, hard.weight(19, 35));
        assertEquals(0f, hard.weight(30, 35));
        // Feather 2: column 20 is 0.5 px deep (t = 0.25, smoothstep 0.15625), column 21 1.5 px (t = 0.75,
        // 0.84375), column 22 2.5 px (1). Row 35 is 5.5 px from the top and bottom edges, so x decides.
        FeatherMask soft = FeatherMask.of(64, 64, 10, 10, t, 2);
        assertEquals(new FeatherMask.Box(20, 30, 10, 10), soft.bounds());
        assertEquals(0.15625f, soft.weight(20, 35), 1e-7f);
        assertEquals(0.84375f, soft.weight(21, 35), 1e-7f);
        assertEquals(1f, soft.weight(22, 35));
        assertEquals(0.84375f, soft.weight(28, 35), 1e-7f);
        // Corner pixel: 0.5 px from two edges.
        assertEquals(0.15625f, soft.weight(20, 30), 1e-7f);
        // The edge itself and a point depth featherPx / 2 = 1 inside (smoothstep(1/2) = 1/2).
        assertEquals(0.0, soft.weightAt(19.5, 35), 0);
        assertEquals(0.5, soft.weightAt(20.5, 35), 1e-15);
        // A crop at twice the photo's scale (crop x = 2 x - 40, left edge at photo x 19.75): depth in photo
        // pixels is half the depth in crop pixels, so depth 1 (weight 1/2) is crop x 1.5, photo x 20.75.
        FeatherMask scaled = FeatherMask.of(64, 64, 20, 20, new SimilarityTransform(2, 0, -40, -60), 2);
        assertEquals(0.0, scaled.weightAt(19.75, 35), 0);
        assertEquals(0.5, scaled.weightAt(20.75, 35), 1e-15);
    }

    @Test
    void pixelsOutsideTheFootprintAreBitIdentical() {
        RgbImage photo = AffineWarpTest.random(300, 200, 5);
        float[] before = photo.chw().clone();
        RgbImage crop = AffineWarpTest.random(64, 64, 6);
        // One face well inside the photo, one hanging over its top-right corner.
        SimilarityTransform[] faces = {
            placing(64, 0.45, 25, 120, 90),
            placing(64, 0.8, -40, 290, 10),
        };
        RgbImage out = photo;
        for (SimilarityTransform photoToCrop : faces) {
            RgbImage prev = out;
            FeatherMask mask = FeatherMask.of(300, 200, 64, 64, photoToCrop, 6);
            out = FeatheredPaste.paste(prev, crop, mask);
            // The one-call form builds the same mask.
            assertArrayEquals(out.chw(), FeatheredPaste.paste(prev, crop, photoToCrop, 6).chw());
            FeatherMask.Box box = mask.bounds();
            assertFalse(box.isEmpty());
            int changed = 0;
            for (int y = 0; y < 200; y++) {
                for (int x = 0; x < 300; x++) {
                    double qx = photoToCrop.applyX(x, y);
                    double qy = photoToCrop.applyY(x, y);
                    boolean outsideFootprint = qx <= -0.5 || qy <= -0.5 || qx >= 63.5 || qy >= 63.5;
                    boolean outsideBox = !box.contains(x, y);
                    float m = mask.weight(x, y);
                    if (outsideFootprint || outsideBox || m == 0f) {
                        assertEquals(0f, m, "weight at " + x + "," + y);
                        for (int c = 0; c < 3; c++) {
                            assertEquals(Float.floatToRawIntBits(prev.get(c, y, x)),
                                    Float.floatToRawIntBits(out.get(c, y, x)), "pixel " + x + "," + y);
                        }
                    } else {
                        changed++;
                    }
                    // The stored weight is the continuous one at the pixel centre.
                    assertEquals((float) mask.weightAt(x, y), m);
                }
            }
            assertTrue(changed > 500, "the face changed only " + changed + " pixels");
            // The box is tight: each of its four sides holds a pixel with a non-zero weight.
            assertTrue(rowHasWeight(mask, box.y(), box) && rowHasWeight(mask, box.y() + box.height() - 1, box));
            assertTrue(colHasWeight(mask, box.x(), box) && colHasWeight(mask, box.x() + box.width() - 1, box));
        }
        assertArrayEquals(before, photo.chw(), "the input photo was modified");
    }

    @Test
    void maskIsMonotoneFromTheEdgeInward() {
        SimilarityTransform photoToCrop = placing(128, 1.6, 33, 200, 150);
        FeatherMask mask = FeatherMask.of(400, 300, 128, 128, photoToCrop, 12);
        SimilarityTransform cropToPhoto = photoToCrop.inverse();
        double cx = cropToPhoto.applyX(63.5, 63.5);
        double cy = cropToPhoto.applyY(63.5, 63.5);
        assertEquals(1.0, mask.weightAt(cx, cy));
        // Along 72 rays from the footprint's centre, in steps of 0.05 photo px out to past the edge (the
        // footprint's half-diagonal is 128 / 1.6 / sqrt(2) = 57 px), the weight never increases outward.
        for (int r = 0; r < 72; r++) {
            double angle = Math.toRadians(5 * r);
            double prev = 1.0;
            boolean reachedZero = false;
            for (double d = 0; d < 70; d += 0.05) {
                double m = mask.weightAt(cx + d * Math.cos(angle), cy + d * Math.sin(angle));
                assertTrue(m <= prev, "ray " + r + " rises at " + d + ": " + prev + " -> " + m);
                assertTrue(m >= 0 && m <= 1);
                prev = m;
                reachedZero |= m == 0;
            }
            assertTrue(reachedZero);
        }
        // On the pixel grid too: an axis-aligned crop's middle row rises to 1 then falls, never the reverse.
        FeatherMask aligned = FeatherMask.of(100, 80, 40, 40, new SimilarityTransform(0.5, 0, -5, -10), 7);
        float[] row = new float[100];
        for (int x = 0; x < 100; x++) {
            row[x] = aligned.weight(x, 60);
        }
        int peak = 0;
        while (peak + 1 < 100 && row[peak + 1] >= row[peak]) {
            peak++;
        }
        assertEquals(1f, row[peak]);
        for (int x = peak; x + 1 < 100; x++) {
            assertTrue(row[x + 1] <= row[x], "row rises again at " + x);
        }
        // Crop x = 0.5 x - 5, so the footprint's edges -0.5 and 39.5 are photo x 9 and 89 and the depth is
        // x - 9 (left) or 89 - x (right) photo pixels: 0 at 9 and 89, ramping up to 1 at 16 and from 82.
        assertEquals(0f, aligned.weight(9, 60));
        assertTrue(aligned.weight(10, 60) > 0f && aligned.weight(15, 60) < 1f);
        assertEquals(1f, aligned.weight(16, 60));
        assertEquals(1f, aligned.weight(82, 60));
        assertTrue(aligned.weight(83, 60) < 1f && aligned.weight(88, 60) > 0f);
        assertEquals(0f, aligned.weight(89, 60));
    }

    @Test
    void pastingBackACropOfThePhotoGivesThePhoto() {
        // A smooth photo f = 0.5 + A sin(k . (x, y) + phase_c) with A = 0.25, |k| = 2 pi / 20. Bilinear
        // interpolation on a unit grid errs by at most (f_uu + f_vv) / 8 along the grid's axes, which for this f
        // is A |k|^2 / 8 in any rotation. Cutting the crop (photo grid) and pasting it back (crop grid, where
        // the crop's second derivatives are those of f divided by s^2) therefore leaves at most
        // A |k|^2 / 8 * (1 + 1 / s^2) = 0.00491 for s = 1.3. Pixels less than half a crop pixel inside the edge
        // extrapolate the crop's border (up to A |k| / s * 0.5 = 0.030) but weigh at most
        // smoothstep(0.5 / 1.3 / 8) = 0.0067 there: 0.0002 more.
        int w = 240;
        int h = 200;
        double amp = 0.25;
        double kx = 2 * Math.PI / 20 * Math.cos(0.7);
        double ky = 2 * Math.PI / 20 * Math.sin(0.7);
        float[] v = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[(c * h + y) * w + x] = (float) (0.5 + amp * Math.sin(kx * x + ky * y + 1.1 * c));
                }
            }
        }
        RgbImage photo = RgbImage.wrap(w, h, v);
        double s = 1.3;
        SimilarityTransform photoToCrop = placing(128, s, 17, 120, 100);
        RgbImage crop = AffineWarp.warp(photo, photoToCrop, 128, 128);
        FeatherMask mask = FeatherMask.of(w, h, 128, 128, photoToCrop, 8);
        RgbImage out = FeatheredPaste.paste(photo, crop, mask);
        double k2 = kx * kx + ky * ky;
        double interior = amp * k2 / 8 * (1 + 1 / (s * s));
        double bound = interior + 0.0002;
        double worst = 0;
        double worstInterior = 0;
        double sum = 0;
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float m = mask.weight(x, y);
                if (m == 0f) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    double d = Math.abs(out.get(c, y, x) - photo.get(c, y, x));
                    worst = Math.max(worst, d);
                    if (m == 1f) {
                        worstInterior = Math.max(worstInterior, d);
                    }
                    sum += d;
                    n++;
                }
            }
        }
        double mean = sum / n;
        System.out.printf("paste-back round trip: mean |diff| %.3g, max %.3g (interior %.3g), bound %.3g over %d values%n",
                mean, worst, worstInterior, bound, n);
        assertTrue(worstInterior <= interior, worstInterior + " > " + interior);
        assertTrue(worst <= bound, worst + " > " + bound);
        // Linear interpolation errs by fx (1 - fx) / 2 |f''| (mean 1/12, peak 1/8) and |sin| averages 2 / pi of
        // its peak, so the mean error is expected near 0.42 of the bound: half the bound is the limit.
        assertTrue(mean <= interior / 2, "mean " + mean + " > " + interior / 2);
    }

    @Test
    void aCropMissingThePhotoChangesNothingAndSizesAreChecked() {
        RgbImage photo = AffineWarpTest.random(50, 40, 9);
        RgbImage crop = AffineWarpTest.random(16, 16, 10);
        SimilarityTransform farAway = new SimilarityTransform(1, 0, 500, 500);
        FeatherMask mask = FeatherMask.of(50, 40, 16, 16, farAway, 3);
        assertTrue(mask.bounds().isEmpty());
        RgbImage out = FeatheredPaste.paste(photo, crop, mask);
        assertArrayEquals(photo.chw(), out.chw());
        assertTrue(out.chw() != photo.chw());
        FeatherMask other = FeatherMask.of(50, 41, 16, 16, farAway, 3);
        assertThrows(IllegalArgumentException.class, () -> FeatheredPaste.paste(photo, crop, other));
        FeatherMask otherCrop = FeatherMask.of(50, 40, 16, 17, farAway, 3);
        assertThrows(IllegalArgumentException.class, () -> FeatheredPaste.paste(photo, crop, otherCrop));
        assertThrows(IllegalArgumentException.class, () -> FeatheredPaste.paste(photo, crop, farAway, -1));
    }

    /**
     * The photo-to-crop transform of a {@code size}-pixel crop whose centre is photo point {@code (px, py)},
     * at {@code scale} crop pixels per photo pixel, rotated by {@code degrees}.
     */
    static SimilarityTransform placing(int size, double scale, double degrees, double px, double py) {
        SimilarityTransform r = SimilarityTransform.of(scale, degrees, 0, 0);
        double c = (size - 1) / 2.0;
        return new SimilarityTransform(r.a(), r.b(), c - r.applyX(px, py), c - r.applyY(px, py));
    }

    private static boolean rowHasWeight(FeatherMask mask, int y, FeatherMask.Box box) {
        for (int x = box.x(); x < box.x() + box.width(); x++) {
            if (mask.weight(x, y) > 0f) {
                return true;
            }
        }
        return false;
    }

    private static boolean colHasWeight(FeatherMask mask, int x, FeatherMask.Box box) {
        for (int y = box.y(); y < box.y() + box.height(); y++) {
            if (mask.weight(x, y) > 0f) {
                return true;
            }
        }
        return false;
    }
}

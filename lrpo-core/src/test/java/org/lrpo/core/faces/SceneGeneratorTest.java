package org.lrpo.core.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;

/** Generated multi-face scenes: deterministic, within their options, and with boxes and points on the faces. */
class SceneGeneratorTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final long SEED = 20261203L;
    private static final int SIDE = 256;
    /** Smaller photos than the detector benchmark's 512 px, so faces are scaled down with them. */
    private static final SceneOptions OPTIONS = SceneOptions.defaults().withFaceSizes(20, 90);

    @Test
    void sameArgumentsGiveTheSameSceneAndOtherIndicesOthers() {
        Scene a = SceneGenerator.scene(SEED, 3, SIDE, SIDE, OPTIONS);
        Scene b = SceneGenerator.scene(SEED, 3, SIDE, SIDE, OPTIONS);
        assertArrayEquals(a.photo().chw(), b.photo().chw(), "pixels of scene 3 differ between two calls");
        assertEquals(a.faces(), b.faces());
        Scene c = SceneGenerator.scene(SEED, 4, SIDE, SIDE, OPTIONS);
        assertFalse(java.util.Arrays.equals(a.photo().chw(), c.photo().chw()), "scenes 3 and 4 are the same photo");
        Scene d = SceneGenerator.scene(SEED + 1, 3, SIDE, SIDE, OPTIONS);
        assertFalse(java.util.Arrays.equals(a.photo().chw(), d.photo().chw()), "another seed gave the same photo");
    }

    @Test
    void facesStayWithinTheOptions() {
        int minSeen = Integer.MAX_VALUE;
        int maxSeen = 0;
        int cut = 0;
        int faces = 0;
        double maxRotation = 0;
        for (int i = 0; i < 40; i++) {
            Scene s = SceneGenerator.scene(SEED, i, SIDE, SIDE, OPTIONS);
            assertEquals(SIDE, s.photo().width());
            for (float v : s.photo().chw()) {
                assertTrue(v >= 0f && v <= 1f, "pixel " + v + " outside [0, 1] in scene " + i);
            }
            int n = s.faces().size();
            assertTrue(n <= OPTIONS.maxFaces(), "scene " + i + " has " + n + " faces");
            minSeen = Math.min(minSeen, n);
            maxSeen = Math.max(maxSeen, n);
            for (SceneFace f : s.faces()) {
                faces++;
                assertTrue(f.size() >= OPTIONS.minFaceSize() - 1e-9 && f.size() <= OPTIONS.maxFaceSize() + 1e-9,
                        "face size " + f.size());
                // The scene's rotation plus the head's own roll of at most 0.12 rad.
                assertTrue(Math.abs(f.rotationDegrees()) <= OPTIONS.maxRotationDegrees() + Math.toDegrees(0.12) + 1e-9,
                        "rotation " + f.rotationDegrees());
                maxRotation = Math.max(maxRotation, Math.abs(f.rotationDegrees()));
                assertTrue(f.visibleFraction() >= 0 && f.visibleFraction() <= 1, "visible " + f.visibleFraction());
                assertTrue(f.identity() >= 0 && f.identity() < OPTIONS.identityCount());
                boolean centreOutside = f.centreX() < 0 || f.centreY() < 0 || f.centreX() > SIDE || f.centreY() > SIDE;
                assertTrue(!centreOutside || f.visibleFraction() < 0.75, "a face centred outside the photo shows "
                        + f.visibleFraction() + " of itself: " + f);
                if (f.visibleFraction() < 0.999 && (f.x() < 0 || f.y() < 0 || f.right() > SIDE || f.bottom() > SIDE)) {
                    cut++;
                }
            }
            // Head areas (boxes grown 1.3 times) overlap by at most 10% of the smaller, so boxes by at most 16.9%.
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    assertTrue(overlapOfSmaller(s.faces().get(p), s.faces().get(q)) <= 0.169 + 1e-9,
                            "faces " + p + " and " + q + " of scene " + i + " overlap");
                }
            }
        }
        assertEquals(0, minSeen, "no scene without faces in 40");
        assertTrue(maxSeen >= 5, "no crowded scene in 40: at most " + maxSeen + " faces");
        assertTrue(cut >= 0.1 * faces, "only " + cut + " of " + faces + " faces cross the border");
        assertTrue(maxRotation > 25, "no strongly rotated face: max " + maxRotation);
    }

    @Test
    void boxesAndPointsLieOnTheFaces() {
        // The background depends on (seed, scene) alone: the same scene without faces is the empty photo, and the
        // faces are exactly where the two differ.
        SceneOptions none = OPTIONS.withFaces(0, 0);
        int checked = 0;
        for (int i = 0; i < 20; i++) {
            Scene s = SceneGenerator.scene(SEED, i, SIDE, SIDE, OPTIONS);
            RgbImage empty = SceneGenerator.scene(SEED, i, SIDE, SIDE, none).photo();
            boolean[] changed = changed(s.photo(), empty);
            boolean[] nearFace = new boolean[SIDE * SIDE];
            for (SceneFace f : s.faces()) {
                // A face's sitter (hair, shoulders) reaches at most about 1.2 box sides from its centre.
                double reach = 1.25 * Math.max(f.width(), f.height());
                mark(nearFace, f.centreX() - reach, f.centreY() - reach, f.centreX() + reach, f.centreY() + reach);
                if (f.visibleFraction() < 0.999) {
                    continue;
                }
                // A whole face: the box's central half (cheeks, eyes, nose, mouth) was painted all over, and most of
                // the box (the box is a little wider than the face, as the detector's is: bald heads leave corners).
                double share = share(changed, f.x(), f.y(), f.right(), f.bottom());
                assertTrue(share > 0.65, "scene " + i + ": only " + share + " of the box of " + f + " was painted");
                double core = share(changed, f.x() + f.width() / 4, f.y() + f.height() / 4, f.right() - f.width() / 4,
                        f.bottom() - f.height() / 4);
                assertTrue(core > 0.98, "scene " + i + ": only " + core + " of the box centre of " + f + " was painted");
                for (SceneFace.Point p : List.of(f.leftEye(), f.rightEye(), f.noseTip(), f.mouthLeft(), f.mouthRight())) {
                    assertTrue(p.x() > f.x() && p.x() < f.right() && p.y() > f.y() && p.y() < f.bottom(),
                            "scene " + i + ": point " + p + " outside its box " + f);
                }
                // In the face's own frame the eyes are above the nose, the nose above the mouth, left left of right.
                double a = Math.toRadians(f.rotationDegrees());
                double[] le = upright(f.leftEye(), a);
                double[] re = upright(f.rightEye(), a);
                double[] nt = upright(f.noseTip(), a);
                double[] ml = upright(f.mouthLeft(), a);
                double[] mr = upright(f.mouthRight(), a);
                assertTrue(le[0] < re[0] && ml[0] < mr[0], "left and right swapped in " + f);
                assertTrue(Math.max(le[1], re[1]) < nt[1] && nt[1] < Math.min(ml[1], mr[1]),
                        "eyes, nose, mouth out of order in " + f);
                checked++;
            }
            for (int p = 0; p < changed.length; p++) {
                assertTrue(!changed[p] || nearFace[p], "scene " + i + ": pixel (" + p % SIDE + ", " + p / SIDE
                        + ") changed far from every face");
            }
        }
        assertTrue(checked > 20, "too few whole faces checked: " + checked);
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new SceneOptions(3, 2, 32, 64, 30, 0.2, 0.1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> SceneOptions.defaults().withFaceSizes(64, 32));
        assertThrows(IllegalArgumentException.class, () -> SceneOptions.defaults().withMaxRotation(-1));
        assertThrows(IllegalArgumentException.class, () -> SceneGenerator.scene(1, 0, 8, 8, SceneOptions.defaults()));
    }

    private static double[] upright(SceneFace.Point p, double angle) {
        double c = Math.cos(-angle);
        double s = Math.sin(-angle);
        return new double[] {c * p.x() - s * p.y(), s * p.x() + c * p.y()};
    }

    private static boolean[] changed(RgbImage a, RgbImage b) {
        int plane = a.width() * a.height();
        boolean[] out = new boolean[plane];
        float[] x = a.chw();
        float[] y = b.chw();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                out[i] |= x[c * plane + i] != y[c * plane + i];
            }
        }
        return out;
    }

    private static void mark(boolean[] mask, double x0, double y0, double x1, double y1) {
        for (int y = Math.max(0, (int) Math.floor(y0)); y < Math.min(SIDE, Math.ceil(y1)); y++) {
            for (int x = Math.max(0, (int) Math.floor(x0)); x < Math.min(SIDE, Math.ceil(x1)); x++) {
                mask[y * SIDE + x] = true;
            }
        }
    }

    private static double share(boolean[] mask, double x0, double y0, double x1, double y1) {
        int n = 0;
        int on = 0;
        for (int y = Math.max(0, (int) Math.ceil(y0)); y < Math.min(SIDE, Math.floor(y1)); y++) {
            for (int x = Math.max(0, (int) Math.ceil(x0)); x < Math.min(SIDE, Math.floor(x1)); x++) {
                n++;
                on += mask[y * SIDE + x] ? 1 : 0;
            }
        }
        return n == 0 ? 0 : on / (double) n;
    }

    private static double overlapOfSmaller(SceneFace a, SceneFace b) {
        double w = Math.min(a.right(), b.right()) - Math.max(a.x(), b.x());
        double h = Math.min(a.bottom(), b.bottom()) - Math.max(a.y(), b.y());
        if (w <= 0 || h <= 0) {
            return 0;
        }
        return w * h / Math.min(a.width() * a.height(), b.width() * b.height());
    }
}

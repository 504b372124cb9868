package org.lrpo.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.random.Seeds;
import org.lrpo.rewards.faces.DemoFaceCrops;
import org.lrpo.rewards.faces.FaceDescriptorNet;
import org.lrpo.rewards.faces.IdentityMetric;

/** The identity component on real faces (face-api's demo photos) and its rescaling formula by hand. */
class IdentityRewardTest {
    private static DemoFaceCrops faces;
    private static FaceDescriptorNet net;

    @BeforeAll
    static void load() {
        faces = DemoFaceCrops.get();
        net = FaceDescriptorNet.load(faces.models());
    }

    @AfterAll
    static void close() {
        net.close();
    }

    /** A degraded copy: 2x box-downsampled and upsampled (blur) plus seeded noise of amplitude 0.03. */
    static RgbImage degraded(RgbImage img, long index) {
        int w = img.width();
        int h = img.height();
        float[] src = img.chw();
        float[] out = new float[src.length];
        SplittableRandom rnd = Seeds.stream(20261126L, "identity-test.noise", index);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int y0 = y & ~1;
                    int x0 = x & ~1;
                    int y1 = Math.min(y0 + 1, h - 1);
                    int x1 = Math.min(x0 + 1, w - 1);
                    int p = c * h * w;
                    double mean = (src[p + y0 * w + x0] + src[p + y0 * w + x1] + src[p + y1 * w + x0]
                            + src[p + y1 * w + x1]) / 4;
                    out[p + y * w + x] = (float) Math.max(0, Math.min(1, mean + 0.03 * (2 * rnd.nextDouble() - 1)));
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    @Test
    void theSameFaceScoresHigherThanADifferentFace() {
        int n = faces.faceCount();
        List<RgbImage> gts = faces.all(150);
        // Same person: a wider, shifted crop of the same photo; and a degraded copy of gt.
        List<RgbImage> x = new ArrayList<>();
        List<RgbImage> g = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x.add(faces.crop(i, 1.3, 6, -4, 150));
            g.add(gts.get(i));
            x.add(degraded(gts.get(i), i));
            g.add(gts.get(i));
        }
        // Different people: every ordered pair.
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    x.add(gts.get(j));
                    g.add(gts.get(i));
                }
            }
        }
        try (IdentityReward reward = new IdentityReward(new IdentityMetric(net), IdentityReward.DEFAULT_C0)) {
            double[] r = reward.score(x, g);
            List<IdentityMetric.Score> cos = new IdentityMetric(net).score(x, g);
            double sameMinCos = 1;
            double sameMaxCos = -1;
            double diffMinCos = 1;
            double diffMaxCos = -1;
            double sameMin = 1;
            double diffMax = 0;
            double diffMin = 1;
            for (int k = 0; k < r.length; k++) {
                double c = cos.get(k).cosine();
                assertEquals(Math.max(0, Math.min(1, (c - 0.8) / 0.2)), r[k], 1e-12, "pair " + k);
                if (k < 2 * n) {
                    sameMin = Math.min(sameMin, r[k]);
                    sameMinCos = Math.min(sameMinCos, c);
                    sameMaxCos = Math.max(sameMaxCos, c);
                } else {
                    diffMax = Math.max(diffMax, r[k]);
                    diffMin = Math.min(diffMin, r[k]);
                    diffMinCos = Math.min(diffMinCos, c);
                    diffMaxCos = Math.max(diffMaxCos, c);
                }
            }
            // Per ground truth: both same-person variants above every other person.
            for (int i = 0; i < n; i++) {
                double worstSame = Math.min(r[2 * i], r[2 * i + 1]);
                for (int k = 2 * n; k < r.length; k++) {
                    if (g.get(k) == gts.get(i)) {
                        assertTrue(worstSame > r[k], "face " + i + ": same person " + worstSame
                                + " must beat a different person " + r[k]);
                    }
                }
            }
            System.out.printf("identity: same face (other crop / degraded) cos %.3f..%.3f -> reward %.3f..; "
                    + "different people (%d pairs) cos %.3f..%.3f -> reward %.3f..%.3f (c0 %.1f)%n", sameMinCos,
                    sameMaxCos, sameMin, n * (n - 1), diffMinCos, diffMaxCos, diffMin, diffMax, IdentityReward.DEFAULT_C0);
            assertTrue(diffMinCos > IdentityReward.DEFAULT_C0,
                    "the default c0 must sit below every measured different-person cosine: " + diffMinCos);
        }
    }

    @Test
    void rescalingByHand() {
        assertEquals(0.5, IdentityReward.reward(0.9, 0.8), 1e-12);
        assertEquals(0.0, IdentityReward.reward(0.7, 0.8), 0);
        assertEquals(1.0, IdentityReward.reward(1.0, 0.8), 1e-12);
        assertEquals(1.0, IdentityReward.reward(1.0 + 1e-9, 0.8), 0, "rounding above 1 is clipped");
        assertEquals(0.5, IdentityReward.reward(0.6, 0.2), 1e-12);
        for (double c : new double[] {-1, -0.3, 0, 0.5, 0.97, 1}) {
            assertEquals(IdentityMetric.reward(c), IdentityReward.reward(c, -1), 1e-12, "c0 = -1 is (cos + 1) / 2 at " + c);
        }
        assertThrows(IllegalArgumentException.class, () -> IdentityReward.reward(Double.NaN, 0.8));
        assertThrows(IllegalArgumentException.class, () -> new IdentityReward(new IdentityMetric(net), 1.0));
        assertThrows(IllegalArgumentException.class, () -> new IdentityReward(new IdentityMetric(net), -1.5));
    }

    @Test
    void optionsAreReadAndChecked() {
        try (IdentityReward r = IdentityReward.fromOptions(ComponentOptions.of("identity",
                Map.of("c0", 0.9, "models-dir", faces.models().root().toString())))) {
            assertEquals(0.9, r.c0());
            assertEquals("identity", r.name());
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> IdentityReward.fromOptions(ComponentOptions.of("identity", Map.of("c0", "1"))));
        assertTrue(bad.getMessage().contains("'c0' = 1"), bad.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> IdentityReward.fromOptions(ComponentOptions.of("identity", Map.of("cO", "0.5"))));
        assertTrue(unknown.getMessage().contains("[cO]") && unknown.getMessage().contains("c0"), unknown.getMessage());
    }
}

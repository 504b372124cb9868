package org.lrpo.rewards.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;

/** The identity reward/metric: its cosine against face-api's own descriptors, and its formulas by hand. */
class IdentityMetricTest {
    private static FaceApiReference ref;
    private static FaceDescriptorNet net;

    @BeforeAll
    static void load() {
        ref = FaceApiReference.get();
        net = FaceDescriptorNet.load(ref.models);
    }

    @AfterAll
    static void close() {
        net.close();
    }

    @Test
    void cosineOfEveryPairMatchesFaceApisDescriptors() {
        IdentityMetric metric = new IdentityMetric(net);
        List<String> faces = ref.descriptorInputs.stream().filter(n -> n.endsWith("_150")).toList();
        List<RgbImage> xs = new ArrayList<>();
        List<RgbImage> gts = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            for (int j = i + 1; j < faces.size(); j++) {
                xs.add(ref.image(faces.get(i)));
                gts.add(ref.image(faces.get(j)));
                double cos = Descriptors.cosine(ref.referenceDescriptor(faces.get(i)),
                        ref.referenceDescriptor(faces.get(j)));
                expected.add(new double[] {cos});
            }
        }
        List<IdentityMetric.Score> scores = metric.score(xs, gts);
        double worst = 0;
        for (int k = 0; k < scores.size(); k++) {
            double cos = expected.get(k)[0];
            IdentityMetric.Score s = scores.get(k);
            worst = Math.max(worst, Math.abs(s.cosine() - cos));
            assertEquals(cos, s.cosine(), 1e-5, "pair " + k);
            assertEquals((cos + 1) / 2, s.reward(), 1e-5, "reward of pair " + k);
            assertEquals(Math.toDegrees(Math.acos(cos)), s.degrees(), 1e-3, "degrees of pair " + k);
        }
        System.out.printf("identity: %d pairs of different faces, cosine within %.2e of face-api's; "
                + "e.g. cos %.4f = %.2f deg%n", scores.size(), worst, scores.get(0).cosine(), scores.get(0).degrees());
    }

    @Test
    void aFaceAgainstItselfIsPerfect() {
        RgbImage face = ref.image("sample3_525_370_150");
        IdentityMetric.Score s = new IdentityMetric(net).score(face, face.copy());
        assertEquals(1.0, s.cosine(), 1e-6);
        assertEquals(1.0, s.reward(), 1e-6);
        assertTrue(s.degrees() < 0.2, "degrees " + s.degrees());
    }

    @Test
    void mappingsByHand() {
        assertEquals(0.0, IdentityMetric.reward(-1), 0);
        assertEquals(0.5, IdentityMetric.reward(0), 0);
        assertEquals(1.0, IdentityMetric.reward(1), 0);
        assertEquals(90.0, IdentityMetric.degrees(0), 1e-12);
        assertEquals(60.0, IdentityMetric.degrees(0.5), 1e-12);
        assertEquals(180.0, IdentityMetric.degrees(-1), 1e-12);
        assertEquals(0.0, IdentityMetric.degrees(1 + 1e-12), 0, "rounding above 1 is clamped");
        assertThrows(IllegalArgumentException.class, () -> IdentityMetric.degrees(Double.NaN));
    }

    @Test
    void centreCropTakesTheMiddleSquare() {
        // 6 wide, 4 high; value = 10 * y + x in every channel.
        float[] chw = new float[3 * 4 * 6];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 6; x++) {
                    chw[(c * 4 + y) * 6 + x] = 10 * y + x;
                }
            }
        }
        RgbImage img = RgbImage.wrap(6, 4, chw);
        RgbImage crop = new IdentityMetric(net, 0.5).centreCrop(img);
        // side round(0.5 * 4) = 2, x0 = (6 - 2) / 2 = 2, y0 = (4 - 2) / 2 = 1
        assertEquals(2, crop.width());
        assertEquals(2, crop.height());
        assertEquals(12f, crop.get(0, 0, 0));
        assertEquals(13f, crop.get(1, 0, 1));
        assertEquals(22f, crop.get(2, 1, 0));
        assertEquals(23f, crop.get(2, 1, 1));
        assertSame(img, new IdentityMetric(net, 1.0).centreCrop(img), "cropFraction 1: the whole image");
    }

    @Test
    void badInputIsNamed() {
        RgbImage a = RgbImage.zeros(150, 150);
        RgbImage b = RgbImage.zeros(120, 150);
        IdentityMetric metric = new IdentityMetric(net);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> metric.score(a, b));
        assertTrue(size.getMessage().contains("150x150") && size.getMessage().contains("120x150"), size.getMessage());
        RgbImage nan = RgbImage.zeros(150, 150).copy();
        nan.chw()[150 * 150 + 3 * 150 + 7] = Float.NaN;
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> metric.score(nan, a));
        assertTrue(bad.getMessage().contains("channel 1, y 3, x 7"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IdentityMetric(net, 0));
        assertThrows(IllegalArgumentException.class, () -> new IdentityMetric(net, 1.5));
    }

    @Test
    void aSharedGroundTruthIsDescribedOnceWithTheSameScores() {
        List<String> faces = ref.descriptorInputs.stream().filter(n -> n.endsWith("_150")).toList();
        RgbImage gt = ref.image(faces.get(0));
        List<RgbImage> xs = List.of(ref.image(faces.get(1)), ref.image(faces.get(2)), gt.copy());
        IdentityMetric metric = new IdentityMetric(net);
        // One gt object three times (a rollout group) against three distinct copies of it.
        List<IdentityMetric.Score> shared = metric.score(xs, List.of(gt, gt, gt));
        List<IdentityMetric.Score> copies = metric.score(xs, List.of(gt.copy(), gt.copy(), gt.copy()));
        for (int i = 0; i < xs.size(); i++) {
            assertEquals(copies.get(i).cosine(), shared.get(i).cosine(), 1e-6, "pair " + i);
        }
        assertEquals(1.0, shared.get(2).cosine(), 1e-6, "x = gt");
    }
}

package org.lrpo.rewards.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;

/** LMD against the distance computed from face-api's own landmarks, and its formula by hand. */
class LandmarkDistanceTest {
    private static FaceApiReference ref;
    private static FaceLandmark68Net net;

    @BeforeAll
    static void load() {
        ref = FaceApiReference.get();
        net = FaceLandmark68Net.load(ref.models);
    }

    @AfterAll
    static void close() {
        net.close();
    }

    @Test
    void lmdMatchesFaceApisLandmarks() {
        List<String> faces = ref.landmarkInputs.stream().filter(n -> n.endsWith("_150")).toList();
        List<RgbImage> xs = new ArrayList<>();
        List<RgbImage> gts = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (int i = 0; i + 1 < faces.size(); i++) {
            xs.add(ref.image(faces.get(i)));
            gts.add(ref.image(faces.get(i + 1)));
            float[][] a = ref.referenceLandmarks(faces.get(i));
            float[][] b = ref.referenceLandmarks(faces.get(i + 1));
            double sum = 0;
            for (int p = 0; p < 68; p++) {
                sum += Math.hypot(a[p][0] - b[p][0], a[p][1] - b[p][1]);
            }
            expected.add(sum / 68);
        }
        double[] lmd = new LandmarkDistance(net).distances(xs, gts);
        for (int k = 0; k < lmd.length; k++) {
            assertEquals(expected.get(k), lmd[k], 1e-3, faces.get(k) + " vs " + faces.get(k + 1));
        }
        System.out.println("LMD between neighbouring 150x150 face crops (px): " + Arrays.toString(lmd));
    }

    @Test
    void aFaceAgainstItselfIsZero() {
        RgbImage face = ref.image("sample1_337_397_box");
        assertEquals(0.0, new LandmarkDistance(net).distance(face, face.copy()), 1e-9);
    }

    @Test
    void meanDistanceByHand() {
        float[] x = new float[68];
        float[] y = new float[68];
        float[] x2 = new float[68];
        float[] y2 = new float[68];
        for (int p = 0; p < 68; p++) {
            x[p] = p;
            y[p] = 2 * p;
            // half the points moved by (3, 4) (distance 5), half by (0, -1) (distance 1): mean 3
            x2[p] = p < 34 ? p + 3 : p;
            y2[p] = p < 34 ? 2 * p + 4 : 2 * p - 1;
        }
        assertEquals(3.0, LandmarkDistance.meanDistance(new FaceLandmarks(x, y), new FaceLandmarks(x2, y2)), 1e-6);
    }

    @Test
    void imagesOfDifferentSizesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LandmarkDistance(net).distance(RgbImage.zeros(64, 64), RgbImage.zeros(64, 32)));
        assertTrue(e.getMessage().contains("64x32"), e.getMessage());
    }
}

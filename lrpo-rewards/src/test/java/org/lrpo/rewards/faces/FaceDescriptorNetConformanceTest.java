package org.lrpo.rewards.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;

/**
 * The Java descriptor network against face-api 1.7.15 itself ({@link FaceApiReference}): every
 * descriptor within 1e-3 max abs and cosine &gt; 0.9999 of the reference's.
 */
class FaceDescriptorNetConformanceTest {
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
    void descriptorsMatchFaceApiOneByOne() {
        double worstAbs = 0;
        double worstCos = 1;
        for (String name : ref.descriptorInputs) {
            float[] expected = ref.referenceDescriptor(name);
            float[] actual = net.describe(ref.image(name));
            assertEquals(FaceDescriptorNet.DESCRIPTOR_SIZE, actual.length);
            double abs = maxAbs(expected, actual);
            double cos = Descriptors.cosine(expected, actual);
            System.out.printf("descriptor %-28s max|diff| %.3e  cos %.8f%n", name, abs, cos);
            worstAbs = Math.max(worstAbs, abs);
            worstCos = Math.min(worstCos, cos);
            assertTrue(abs < 1e-3, name + ": max abs deviation " + abs);
            assertTrue(cos > 0.9999, name + ": cosine " + cos);
        }
        System.out.printf("descriptors: %d images, worst max|diff| %.3e, worst cosine %.8f%n",
                ref.descriptorInputs.size(), worstAbs, worstCos);
    }

    @Test
    void aBatchGivesTheSameDescriptorsAsSingleImages() {
        List<RgbImage> faces = new ArrayList<>();
        for (String name : ref.descriptorInputs) {
            faces.add(ref.image(name));
        }
        float[][] batch = net.describe(faces);
        for (int i = 0; i < faces.size(); i++) {
            double abs = maxAbs(ref.referenceDescriptor(ref.descriptorInputs.get(i)), batch[i]);
            assertTrue(abs < 1e-3, ref.descriptorInputs.get(i) + " in a batch: max abs deviation " + abs);
        }
    }

    @Test
    void differentPeopleAreFartherApartThanOnePersonAtTwoCrops() {
        // sample1_776_445 at 150x150 and as its raw box: one face, two crops; sample2's face: another person.
        float[] a = net.describe(ref.image("sample1_776_445_150"));
        float[] b = net.describe(ref.image("sample1_776_445_box"));
        float[] other = net.describe(ref.image("sample2_1403_173_150"));
        double same = Descriptors.euclidean(a, b);
        double different = Descriptors.euclidean(a, other);
        System.out.printf("same face two crops: %.3f, different people: %.3f (face-api's threshold 0.6)%n",
                same, different);
        assertTrue(same < different, "same " + same + " vs different " + different);
    }

    @Test
    void twoThreadsSharingOneNetGetTheReferenceDescriptors() throws Exception {
        String[] names = {"sample1_1422_215_150", "sample6_616_378_150"};
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<float[]>> futures = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                for (String name : names) {
                    RgbImage img = ref.image(name);
                    futures.add(pool.submit(() -> net.describe(img)));
                }
            }
            for (int k = 0; k < futures.size(); k++) {
                String name = names[k % 2];
                double abs = maxAbs(ref.referenceDescriptor(name), futures.get(k).get());
                assertTrue(abs < 1e-3, name + " from a concurrent call: max abs deviation " + abs);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static double maxAbs(float[] a, float[] b) {
        assertEquals(a.length, b.length, "lengths");
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}

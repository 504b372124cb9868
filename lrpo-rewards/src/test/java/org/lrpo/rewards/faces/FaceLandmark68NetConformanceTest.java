package org.lrpo.rewards.faces;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;

/** The Java landmark networks (full and tiny) against face-api 1.7.15 itself: every point within 0.5 px. */
class FaceLandmark68NetConformanceTest {
    private static FaceApiReference ref;
    private static FaceLandmark68Net net;
    private static FaceLandmark68Net tiny;

    @BeforeAll
    static void load() {
        ref = FaceApiReference.get();
        net = FaceLandmark68Net.load(ref.models);
        tiny = FaceLandmark68Net.load(ref.models, FaceLandmark68Net.Variant.TINY);
    }

    @AfterAll
    static void close() {
        net.close();
        tiny.close();
    }

    @Test
    void landmarksMatchFaceApi() {
        check(net);
    }

    @Test
    void tinyLandmarksMatchFaceApi() {
        check(tiny);
    }

    private static void check(FaceLandmark68Net net) {
        FaceLandmark68Net.Variant variant = net.variant();
        double worst = 0;
        List<RgbImage> all = new ArrayList<>();
        for (String name : ref.landmarkInputs) {
            all.add(ref.image(name));
        }
        List<FaceLandmarks> batch = net.detect(all);
        for (int i = 0; i < all.size(); i++) {
            String name = ref.landmarkInputs.get(i);
            float[][] expected = ref.referenceLandmarks(name, variant);
            FaceLandmarks single = net.detect(all.get(i));
            double dev = 0;
            for (int p = 0; p < FaceLandmarks.POINTS; p++) {
                dev = Math.max(dev, Math.hypot(single.x(p) - expected[p][0], single.y(p) - expected[p][1]));
                dev = Math.max(dev, Math.hypot(batch.get(i).x(p) - expected[p][0], batch.get(i).y(p) - expected[p][1]));
            }
            System.out.printf("landmarks %s %-28s (%dx%d) max point deviation %.3e px%n", variant, name, all.get(i).width(),
                    all.get(i).height(), dev);
            worst = Math.max(worst, dev);
            assertTrue(dev < 0.5, name + ": a landmark is " + dev + " px from face-api's");
        }
        System.out.printf("landmarks %s: %d images, worst point deviation %.3e px%n", variant, all.size(), worst);
    }
}

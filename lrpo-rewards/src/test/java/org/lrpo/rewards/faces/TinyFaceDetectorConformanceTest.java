package org.lrpo.rewards.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java tiny face detector against face-api 1.7.15 itself: same faces, each box edge within 1 px
 * and each score within 1e-3. Faces are paired by best IoU, so two faces with near-equal scores may
 * come out in either order.
 */
class TinyFaceDetectorConformanceTest {
    private static FaceApiReference ref;
    private static TinyFaceDetector detector;

    @BeforeAll
    static void load() {
        ref = FaceApiReference.get();
        detector = TinyFaceDetector.load(ref.models);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void detectionsMatchFaceApi() {
        double worstEdge = 0;
        double worstScore = 0;
        int faces = 0;
        for (JsonNode run : ref.reference.path("detections")) {
            String image = run.path("image").asText();
            int inputSize = run.path("inputSize").asInt();
            double threshold = run.path("scoreThreshold").asDouble();
            List<FaceBox> expected = new ArrayList<>();
            for (JsonNode f : run.path("faces")) {
                expected.add(new FaceBox(f.path("x").asDouble(), f.path("y").asDouble(), f.path("width").asDouble(),
                        f.path("height").asDouble(), f.path("score").asDouble()));
            }
            List<FaceBox> actual = detector.detect(ref.image(image), inputSize, threshold);
            String what = image + " @" + inputSize + " threshold " + threshold;
            assertEquals(expected.size(), actual.size(), what + ": number of faces");
            assertTrue(!expected.isEmpty() || image.startsWith("generated"), what + ": the reference found no face");
            double edge = 0;
            double score = 0;
            for (FaceBox e : expected) {
                FaceBox a = actual.stream().max((p, q) -> Double.compare(p.iou(e), q.iou(e))).orElseThrow();
                edge = Math.max(edge, Math.max(Math.max(Math.abs(a.x() - e.x()), Math.abs(a.y() - e.y())),
                        Math.max(Math.abs(a.right() - e.right()), Math.abs(a.bottom() - e.bottom()))));
                score = Math.max(score, Math.abs(a.score() - e.score()));
            }
            System.out.printf("detection %-32s %d faces, max edge deviation %.3e px, max score deviation %.3e%n",
                    what, expected.size(), edge, score);
            assertTrue(edge <= 1.0, what + ": a box edge is " + edge + " px from face-api's");
            assertTrue(score <= 1e-3, what + ": a score is " + score + " from face-api's");
            worstEdge = Math.max(worstEdge, edge);
            worstScore = Math.max(worstScore, score);
            faces += expected.size();
        }
        System.out.printf("detections: %d faces, worst edge deviation %.3e px, worst score deviation %.3e%n",
                faces, worstEdge, worstScore);
        assertTrue(faces > 10, "too few reference faces to mean anything: " + faces);
    }
}

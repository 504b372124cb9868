package org.lrpo.jobs.restore;

import java.util.ArrayList;
import java.util.List;
import org.lrpo.core.align.FivePoints;
import org.lrpo.core.image.Crops;
import org.lrpo.core.image.RgbImage;
import org.lrpo.rewards.faces.FaceBox;
import org.lrpo.rewards.faces.FaceLandmark68Net;
import org.lrpo.rewards.faces.FaceLandmarks;
import org.lrpo.rewards.faces.FramedFaceDetector;
import org.lrpo.rewards.faces.TinyFaceDetector;

/**
 * Finds the faces of a whole photo: face-api's tiny detector for the boxes (on the photo in a frame, which
 * finds faces cut by its edge), its 68-point landmark net on
 * each box (grown by a margin, as face-api crops it) for the five alignment points. One pair of networks per
 * JVM, loaded on first use from the face-api weights ({@code LRPO_FACE_MODELS}); calls are serialised.
 */
final class FaceFinder {
    /** A detected face: its box and score, and its five points in photo pixels. */
    record Found(FaceBox box, FivePoints points) {}

    /** The landmark net sees the box grown by this share of its side on every edge, so the jaw line is inside. */
    private static final double LANDMARK_MARGIN = 0.1;
    private static FaceFinder loaded;

    private final TinyFaceDetector detector;
    private final FaceLandmark68Net landmarks;

    private FaceFinder(TinyFaceDetector detector, FaceLandmark68Net landmarks) {
        this.detector = detector;
        this.landmarks = landmarks;
    }

    static synchronized FaceFinder get() {
        if (loaded == null) {
            TinyFaceDetector detector = TinyFaceDetector.load();
            try {
                loaded = new FaceFinder(detector, FaceLandmark68Net.load());
            } catch (RuntimeException e) {
                detector.close();
                throw e;
            }
        }
        return loaded;
    }

    /**
     * Faces of {@code photo}, best score first.
     *
     * @param frame border around the photo while detecting, as a share of its longer side ({@link FramedFaceDetector})
     */
    synchronized List<Found> find(RgbImage photo, int inputSize, double threshold, double frame) {
        List<FaceBox> boxes = new FramedFaceDetector(detector, frame).detect(photo, inputSize, threshold);
        if (boxes.isEmpty()) {
            return List.of();
        }
        List<RgbImage> crops = new ArrayList<>(boxes.size());
        List<int[]> origins = new ArrayList<>(boxes.size());
        for (FaceBox b : boxes) {
            int[] r = grown(b, photo.width(), photo.height());
            origins.add(r);
            crops.add(Crops.crop(photo, r[0], r[1], r[2], r[3]));
        }
        List<FaceLandmarks> marks = landmarks.detect(crops);
        List<Found> found = new ArrayList<>(boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            FaceLandmarks m = marks.get(i);
            float[] x = m.x().clone();
            float[] y = m.y().clone();
            for (int k = 0; k < x.length; k++) {
                x[k] += origins.get(i)[0];
                y[k] += origins.get(i)[1];
            }
            found.add(new Found(boxes.get(i), FivePoints.fromLandmarks68(x, y)));
        }
        return found;
    }

    /** {x0, y0, width, height} of the box grown by the margin, clipped to the photo, at least 1x1. */
    private static int[] grown(FaceBox b, int width, int height) {
        double m = LANDMARK_MARGIN * Math.max(b.width(), b.height());
        int x0 = clamp((int) Math.floor(b.x() - m), 0, width - 1);
        int y0 = clamp((int) Math.floor(b.y() - m), 0, height - 1);
        int x1 = clamp((int) Math.ceil(b.right() + m), x0 + 1, width);
        int y1 = clamp((int) Math.ceil(b.bottom() + m), y0 + 1, height);
        return new int[] {x0, y0, x1 - x0, y1 - y0};
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

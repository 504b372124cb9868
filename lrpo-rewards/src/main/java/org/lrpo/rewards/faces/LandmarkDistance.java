package org.lrpo.rewards.faces;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lrpo.core.image.RgbImage;

/**
 * LMD, the landmark distance of METHOD.md §10: the mean Euclidean distance between the 68 landmarks
 * of the restored face {@code x} and those of the ground truth {@code gt}, in pixels of the input
 * images (lower is better).
 *
 * <pre>
 * LMD(x, gt) = (1 / 68) * sum_p || L_p(x) - L_p(gt) ||_2,   L = FaceLandmark68Net on the whole image
 * </pre>
 *
 * <p>face-api's landmark net expects a face crop (the detector's box); our images are aligned face
 * crops, so the whole image is the crop (padded to a square and resized to 112x112 by the net, points
 * mapped back to the image's pixels). Published LMD numbers use FAN landmarks and their own crops:
 * ours are comparable between our runs only.
 */
public final class LandmarkDistance {
    private final FaceLandmark68Net net;

    /** @param net the landmark network (not closed by this metric) */
    public LandmarkDistance(FaceLandmark68Net net) {
        this.net = Objects.requireNonNull(net, "net");
    }

    public double distance(RgbImage x, RgbImage gt) {
        return distances(List.of(x), List.of(gt))[0];
    }

    /** LMD of pairs {@code (xs[i], gts[i])}, all landmarks in one forward pass. */
    public double[] distances(List<RgbImage> xs, List<RgbImage> gts) {
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(gts, "gts");
        if (xs.size() != gts.size()) {
            throw new IllegalArgumentException(xs.size() + " outputs but " + gts.size() + " ground truths");
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("no image pairs to compare");
        }
        List<RgbImage> all = new ArrayList<>(2 * xs.size());
        for (int i = 0; i < xs.size(); i++) {
            RgbImage x = Objects.requireNonNull(xs.get(i), "xs[" + i + "]");
            RgbImage gt = Objects.requireNonNull(gts.get(i), "gts[" + i + "]");
            FaceImageChecks.requireSameSize(x, gt, "x[" + i + "]", "gt[" + i + "]");
            all.add(x);
            all.add(gt);
        }
        List<FaceLandmarks> lm = net.detect(all);
        double[] out = new double[xs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = meanDistance(lm.get(2 * i), lm.get(2 * i + 1));
        }
        return out;
    }

    /** {@code (1 / 68) * sum_p ||a_p - b_p||}. */
    public static double meanDistance(FaceLandmarks a, FaceLandmarks b) {
        double sum = 0;
        for (int p = 0; p < FaceLandmarks.POINTS; p++) {
            sum += Math.hypot((double) a.x(p) - b.x(p), (double) a.y(p) - b.y(p));
        }
        return sum / FaceLandmarks.POINTS;
    }
}

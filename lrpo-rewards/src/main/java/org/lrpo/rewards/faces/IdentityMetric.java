package org.lrpo.rewards.faces;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lrpo.core.image.RgbImage;

/**
 * The {@code identity} reward and the identity metric of METHOD.md §4 and §10: how much the restored
 * face {@code x} still looks like the same person as the ground truth {@code gt}, by the cosine of
 * their 128-d face descriptors ({@link FaceDescriptorNet}).
 *
 * <pre>
 * d(img)   = FaceDescriptorNet(img)                                     if cropFraction = 1
 *          = FaceDescriptorNet(centre square of img, side = cropFraction * min(H, W)) otherwise
 * cos      = d(x) . d(gt) / (|d(x)| |d(gt)|)                       in [-1, 1]
 * reward   = (cos + 1) / 2                                          in [0, 1]   (identity reward)
 * degrees  = acos(cos) * 180 / pi                                   in [0, 180] ("Deg" in papers)
 * </pre>
 *
 * <p>Alignment. The network wants a face chip (dlib's: face roughly centred, about a quarter of the
 * face size as margin), which face-api produces by cropping the detector's box, padding it to a square
 * (centred, zeros) and resizing to 150x150. Our images are already aligned face crops and {@code x}
 * is pixel-aligned with {@code gt}, so both get the <em>same</em> geometric crop (the centre square,
 * {@code cropFraction} of the shorter side; default 1 = the whole image, padded to a square as
 * face-api treats a crop)
 * and no landmark-based re-alignment: re-aligning {@code x} on its own landmarks would hide geometric
 * distortions the reward should see. The crop is then padded/resized exactly as face-api does.
 *
 * <p>Reward mapping. {@code (cos + 1) / 2} is affine in the cosine, so it keeps every ranking and
 * every difference between candidates (group-normalised advantages are unchanged by it) and uses the
 * whole range without clipping; {@code max(cos, 0)} would flatten every candidate below 90 degrees to
 * the same reward.
 *
 * <p>Range in practice. This network (dlib's metric-learning descriptor, made for Euclidean distance
 * with a 0.6 threshold) puts every descriptor in a narrow cone: on face-api's demo photos, 8 different
 * people's faces have pairwise cosines 0.845 to 0.963 (15.6 to 32.4 degrees, reward 0.92 to 0.98),
 * one face at two crops 0.977 to 0.988 (9 to 12 degrees), and even a blob image against a face 0.91.
 * The useful part of the reward is therefore the top few hundredths; a composite that weighs
 * components by their nominal [0, 1] range should know this (see the report of issue 5).
 */
public final class IdentityMetric {
    /** The score of one (x, gt) pair. */
    public record Score(double cosine, double reward, double degrees) {
    }

    private final FaceDescriptorNet net;
    private final double cropFraction;

    /**
     * @param net          the descriptor network (not closed by this metric)
     * @param cropFraction side of the centre square crop as a fraction of the shorter image side, in (0, 1]
     */
    public IdentityMetric(FaceDescriptorNet net, double cropFraction) {
        this.net = Objects.requireNonNull(net, "net");
        if (!(cropFraction > 0 && cropFraction <= 1)) {
            throw new IllegalArgumentException("identity cropFraction must be in (0, 1], got " + cropFraction);
        }
        this.cropFraction = cropFraction;
    }

    /** The whole image goes to the network (cropFraction 1). */
    public IdentityMetric(FaceDescriptorNet net) {
        this(net, 1.0);
    }

    public Score score(RgbImage x, RgbImage gt) {
        return score(List.of(x), List.of(gt)).get(0);
    }

    /**
     * Scores of pairs {@code (xs[i], gts[i])}, all descriptors in one forward pass. A ground truth that appears
     * several times as the same object (a rollout group's G candidates share one gt) is described once, so a
     * group costs G + 1 descriptors rather than 2G.
     */
    public List<Score> score(List<RgbImage> xs, List<RgbImage> gts) {
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(gts, "gts");
        if (xs.size() != gts.size()) {
            throw new IllegalArgumentException(xs.size() + " outputs but " + gts.size() + " ground truths");
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("no image pairs to score");
        }
        List<RgbImage> crops = new ArrayList<>(2 * xs.size());
        Map<RgbImage, Integer> gtRow = new IdentityHashMap<>();
        int[] gtRowOf = new int[xs.size()];
        for (int i = 0; i < xs.size(); i++) {
            RgbImage x = Objects.requireNonNull(xs.get(i), "xs[" + i + "]");
            RgbImage gt = Objects.requireNonNull(gts.get(i), "gts[" + i + "]");
            FaceImageChecks.requireSameSize(x, gt, "x[" + i + "]", "gt[" + i + "]");
            FaceImageChecks.requireFinite(x, "x[" + i + "]");
            crops.add(centreCrop(x));
        }
        for (int i = 0; i < gts.size(); i++) {
            RgbImage gt = gts.get(i);
            Integer row = gtRow.get(gt);
            if (row == null) {
                FaceImageChecks.requireFinite(gt, "gt[" + i + "]");
                row = crops.size();
                crops.add(centreCrop(gt));
                gtRow.put(gt, row);
            }
            gtRowOf[i] = row;
        }
        float[][] d = net.describe(crops);
        List<Score> out = new ArrayList<>(xs.size());
        for (int i = 0; i < xs.size(); i++) {
            double cos = Descriptors.cosine(d[i], d[gtRowOf[i]]);
            out.add(new Score(cos, reward(cos), degrees(cos)));
        }
        return out;
    }

    /** {@code (cos + 1) / 2}. */
    public static double reward(double cosine) {
        return (clamp(cosine) + 1) / 2;
    }

    /** {@code acos(cos)} in degrees. */
    public static double degrees(double cosine) {
        return Math.toDegrees(Math.acos(clamp(cosine)));
    }

    private static double clamp(double cosine) {
        if (Double.isNaN(cosine)) {
            throw new IllegalArgumentException("cosine is NaN");
        }
        return Math.max(-1, Math.min(1, cosine));
    }

    /**
     * The image itself when {@code cropFraction} is 1 (face-api then pads it to a square); otherwise the
     * centre square of side {@code round(cropFraction * min(H, W))}, offset {@code floor((size - side) / 2)}.
     */
    RgbImage centreCrop(RgbImage img) {
        if (cropFraction == 1.0) {
            return img;
        }
        int side = (int) Math.max(1, Math.round(cropFraction * Math.min(img.width(), img.height())));
        int x0 = (img.width() - side) / 2;
        int y0 = (img.height() - side) / 2;
        float[] src = img.chw();
        float[] dst = new float[3 * side * side];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                System.arraycopy(src, (c * img.height() + y0 + y) * img.width() + x0, dst, (c * side + y) * side, side);
            }
        }
        return RgbImage.wrap(side, side, dst);
    }
}

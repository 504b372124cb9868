package org.lrpo.core.align;

import java.util.Objects;

/**
 * Where the five alignment points of a face sit in a square crop of a given size: facexlib's FFHQ template
 * (the one GFPGAN and CodeFormer align with), so a face we restore is framed like the faces those models, and
 * FFHQ-style data in general, are trained on.
 *
 * <p>The template is defined at 512×512; at other sizes its points are multiplied by {@code size / 512}, as
 * facexlib's {@code FaceRestoreHelper} does. (Strictly, with pixel centres at integers a resize maps {@code p}
 * to {@code (p + 0.5) k − 0.5}; the difference is half a pixel or less, and following facexlib keeps our crops
 * identical to theirs.)
 */
public final class FaceTemplate {
    /** The template's own resolution. */
    public static final int FFHQ_SIZE = 512;
    private static final double[] FFHQ_X = {192.98138, 318.90277, 256.63416, 201.26117, 313.08905};
    private static final double[] FFHQ_Y = {239.94708, 240.1936, 314.01935, 371.41043, 371.15118};

    private final int size;
    private final FivePoints points;

    private FaceTemplate(int size, FivePoints points) {
        this.size = size;
        this.points = points;
    }

    /**
     * The FFHQ template for a {@code size × size} crop.
     *
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public static FaceTemplate ffhq(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("template size must be positive, got " + size);
        }
        double k = size / (double) FFHQ_SIZE;
        double[] x = new double[FivePoints.COUNT];
        double[] y = new double[FivePoints.COUNT];
        for (int i = 0; i < FivePoints.COUNT; i++) {
            x[i] = FFHQ_X[i] * k;
            y[i] = FFHQ_Y[i] * k;
        }
        return new FaceTemplate(size, new FivePoints(x, y));
    }

    /** Side of the square crop, in pixels. */
    public int size() {
        return size;
    }

    /** The five points in crop pixels. */
    public FivePoints points() {
        return points;
    }

    /**
     * The similarity taking a face in a photo onto this template, fitted to all five points by least squares:
     * the {@code photoToCrop} that {@link AffineWarp} cuts the aligned crop with and {@link FeatheredPaste}
     * pastes it back with.
     *
     * @throws IllegalArgumentException if the face's points are degenerate (see
     *     {@link SimilarityTransform#estimate})
     */
    public SimilarityTransform photoToCrop(FivePoints face) {
        Objects.requireNonNull(face, "face");
        return SimilarityTransform.estimate(face.x(), face.y(), points.x(), points.y());
    }
}

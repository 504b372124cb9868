package org.lrpo.core.align;

import java.util.Objects;

/**
 * The blending weight of a restored crop pasted back into a photo: 1 well inside the crop's footprint, falling
 * smoothly to exactly 0 at the footprint's edge, so the seam between restored face and photo is invisible and
 * every pixel outside the footprint is left bit for bit as it was.
 *
 * <p>The footprint is the crop's pixel area {@code [−0.5, cropW − 0.5] × [−0.5, cropH − 0.5]} mapped into the
 * photo by {@code photoToCrop⁻¹} (a rotated rectangle). A photo pixel's depth inside it is
 * <pre>
 *   d = min(qx + 0.5, cropW − 0.5 − qx, qy + 0.5, cropH − 0.5 − qy) / s,    q = photoToCrop(x, y)
 * </pre>
 * (the distance to the nearest crop edge, converted from crop pixels to photo pixels by the transform's scale
 * {@code s}; a similarity scales all distances alike). With {@code t = d / featherPx} the weight is 0 for
 * {@code t ≤ 0}, 1 for {@code t ≥ 1} and the smoothstep {@code t² (3 − 2t)} between; {@code featherPx = 0}
 * gives a hard edge.
 *
 * <p>Why this shape rather than GFPGAN's (erode the warped-back mask, then Gaussian-blur it): it is the same
 * idea, an inward ramp, computed in closed form per pixel, so no photo-sized mask is eroded or blurred; it is
 * exactly 0 on and outside the edge (a blur leaks small weights outward unless the erosion is wide enough to
 * absorb them); smoothstep has zero slope at both ends, so the ramp has no kink to show as a Mach band; and it is
 * monotone: {@code d} is a minimum of affine functions, hence concave, and is largest at the footprint's centre,
 * so the weight never decreases along a straight path from the edge to the centre. The ramp is measured in
 * photo pixels so the seam's width on screen does not depend on how far the face was scaled. A ramp wider than
 * half the footprint never reaches 1.
 *
 * <p>The weights are computed once, over the footprint's bounding box only (a face in a 4000×3000 photo costs
 * its own area, not the photo's), and kept for that tight box of non-zero weights, {@link #bounds()}, which
 * callers can record.
 */
public final class FeatherMask {
    private final int photoW;
    private final int photoH;
    private final int cropW;
    private final int cropH;
    private final SimilarityTransform photoToCrop;
    private final int featherPx;
    private final Box bounds;
    private final float[] weights;

    /** A half-open pixel rectangle {@code [x, x + width) × [y, y + height)} of the photo. */
    public record Box(int x, int y, int width, int height) {
        public Box {
            if (width < 0 || height < 0) {
                throw new IllegalArgumentException("box size must not be negative, got " + width + "x" + height);
            }
        }

        public boolean isEmpty() {
            return width == 0 || height == 0;
        }

        public boolean contains(int px, int py) {
            return px >= x && px < x + width && py >= y && py < y + height;
        }
    }

    private FeatherMask(int photoW, int photoH, int cropW, int cropH, SimilarityTransform photoToCrop,
            int featherPx, Box bounds, float[] weights) {
        this.photoW = photoW;
        this.photoH = photoH;
        this.cropW = cropW;
        this.cropH = cropH;
        this.photoToCrop = photoToCrop;
        this.featherPx = featherPx;
        this.bounds = bounds;
        this.weights = weights;
    }

    /**
     * The mask of a {@code cropW × cropH} crop, aligned by {@code photoToCrop}, in a {@code photoW × photoH}
     * photo.
     *
     * @throws IllegalArgumentException if a size is not positive or {@code featherPx} is negative
     */
    public static FeatherMask of(int photoW, int photoH, int cropW, int cropH, SimilarityTransform photoToCrop,
            int featherPx) {
        Objects.requireNonNull(photoToCrop, "photoToCrop");
        if (photoW <= 0 || photoH <= 0 || cropW <= 0 || cropH <= 0) {
            throw new IllegalArgumentException("sizes must be positive, got photo " + photoW + "x" + photoH
                    + " and crop " + cropW + "x" + cropH);
        }
        if (featherPx < 0) {
            throw new IllegalArgumentException("featherPx must not be negative, got " + featherPx);
        }
        // Bounding box of the footprint's corners, widened by a pixel so rounding in the corners' positions
        // cannot cut off a pixel with a (tiny) positive weight; the weights decide the tight box below.
        SimilarityTransform cropToPhoto = photoToCrop.inverse();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double cx : new double[] {-0.5, cropW - 0.5}) {
            for (double cy : new double[] {-0.5, cropH - 0.5}) {
                double x = cropToPhoto.applyX(cx, cy);
                double y = cropToPhoto.applyY(cx, cy);
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        int x0 = (int) Math.max(0, Math.floor(minX) - 1);
        int y0 = (int) Math.max(0, Math.floor(minY) - 1);
        int x1 = (int) Math.min(photoW - 1, Math.ceil(maxX) + 1);
        int y1 = (int) Math.min(photoH - 1, Math.ceil(maxY) + 1);
        if (x1 < x0 || y1 < y0) {
            return new FeatherMask(photoW, photoH, cropW, cropH, photoToCrop, featherPx, new Box(0, 0, 0, 0),
                    new float[0]);
        }
        int w = x1 - x0 + 1;
        int h = y1 - y0 + 1;
        float[] all = new float[w * h];
        int tx0 = Integer.MAX_VALUE;
        int ty0 = Integer.MAX_VALUE;
        int tx1 = -1;
        int ty1 = -1;
        double scale = photoToCrop.scale();
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                float m = (float) weight(photoToCrop, scale, cropW, cropH, featherPx, x0 + i, y0 + j);
                if (m > 0f) {
                    all[j * w + i] = m;
                    tx0 = Math.min(tx0, i);
                    tx1 = Math.max(tx1, i);
                    ty0 = Math.min(ty0, j);
                    ty1 = Math.max(ty1, j);
                }
            }
        }
        if (tx1 < 0) {
            return new FeatherMask(photoW, photoH, cropW, cropH, photoToCrop, featherPx, new Box(0, 0, 0, 0),
                    new float[0]);
        }
        int bw = tx1 - tx0 + 1;
        int bh = ty1 - ty0 + 1;
        float[] tight = new float[bw * bh];
        for (int j = 0; j < bh; j++) {
            System.arraycopy(all, (ty0 + j) * w + tx0, tight, j * bw, bw);
        }
        return new FeatherMask(photoW, photoH, cropW, cropH, photoToCrop, featherPx,
                new Box(x0 + tx0, y0 + ty0, bw, bh), tight);
    }

    /** The weight formula of the class comment at photo point {@code (x, y)}. */
    private static double weight(SimilarityTransform photoToCrop, double scale, int cropW, int cropH, int featherPx,
            double x, double y) {
        double qx = photoToCrop.applyX(x, y);
        double qy = photoToCrop.applyY(x, y);
        double depth = Math.min(Math.min(qx + 0.5, cropW - 0.5 - qx), Math.min(qy + 0.5, cropH - 0.5 - qy)) / scale;
        if (!(depth > 0.0)) {
            return 0.0;
        }
        if (depth >= featherPx) {
            return 1.0;
        }
        double t = depth / featherPx;
        return t * t * (3.0 - 2.0 * t);
    }

    /** The smallest box holding every pixel with a non-zero weight; empty if the crop misses the photo. */
    public Box bounds() {
        return bounds;
    }

    /**
     * The weight at any photo point, in double: the continuous function the pixel weights are sampled from
     * ({@link #weight(int, int)} is this at the pixel centre, rounded to float).
     */
    public double weightAt(double x, double y) {
        return weight(photoToCrop, photoToCrop.scale(), cropW, cropH, featherPx, x, y);
    }

    /** The weight at photo pixel {@code (x, y)}, in [0, 1]; 0 outside {@link #bounds()}. */
    public float weight(int x, int y) {
        return bounds.contains(x, y) ? weights[(y - bounds.y()) * bounds.width() + (x - bounds.x())] : 0f;
    }

    public int photoWidth() {
        return photoW;
    }

    public int photoHeight() {
        return photoH;
    }

    public int cropWidth() {
        return cropW;
    }

    public int cropHeight() {
        return cropH;
    }

    public SimilarityTransform photoToCrop() {
        return photoToCrop;
    }

    public int featherPx() {
        return featherPx;
    }
}

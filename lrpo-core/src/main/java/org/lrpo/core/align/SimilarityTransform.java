package org.lrpo.core.align;

import java.util.Objects;

/**
 * A 2-D similarity (uniform scale {@code s}, rotation {@code θ}, translation), the transform facexlib, GFPGAN and
 * CodeFormer use to bring a detected face onto their canonical template: it keeps a face's proportions, so the
 * restorer sees the face undistorted, and it can be undone exactly to paste the result back.
 *
 * <p>With {@code a = s cos θ} and {@code b = s sin θ} it maps {@code (x, y)} to
 * {@code (a x − b y + tx, b x + a y + ty)}, in pixel coordinates with {@code x} right, {@code y} down and pixel
 * centres at integers (the convention of {@link AffineWarp}). The homogeneous matrix is
 * {@code [[a, −b, tx], [b, a, ty], [0, 0, 1]]}, the same as skimage's {@code SimilarityTransform.params}.
 *
 * <p>A transform is always invertible: {@code a} and {@code b} are finite and not both zero.
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

    /** The identity. */
    public static final SimilarityTransform IDENTITY = new SimilarityTransform(1.0, 0.0, 0.0, 0.0);

    /**
     * @throws IllegalArgumentException if a parameter is not finite or the scale is 0 (not invertible)
     */
    public SimilarityTransform {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(tx) || !Double.isFinite(ty)) {
            throw new IllegalArgumentException("similarity parameters must be finite, got a=" + a + " b=" + b
                    + " tx=" + tx + " ty=" + ty);
        }
        if (a == 0.0 && b == 0.0) {
            throw new IllegalArgumentException("similarity scale must not be 0 (a = b = 0 is not invertible)");
        }
    }

    /** The transform with scale {@code scale}, rotation {@code degrees} (counter-clockwise in x-right, y-up
     *  terms, i.e. clockwise on screen where y points down) and translation {@code (tx, ty)}. */
    public static SimilarityTransform of(double scale, double degrees, double tx, double ty) {
        double t = Math.toRadians(degrees);
        return new SimilarityTransform(scale * Math.cos(t), scale * Math.sin(t), tx, ty);
    }

    /**
     * The least-squares similarity taking {@code src} to {@code dst}: the {@code s > 0}, rotation {@code R} and
     * {@code t} minimising {@code Σ |dst_i − (s R src_i + t)|²}, with no reflection allowed. This is Umeyama's
     * solution as skimage's {@code SimilarityTransform.estimate} computes it (and OpenCV's
     * {@code estimateAffinePartial2D} without robust fitting).
     *
     * <p>In 2-D no SVD is needed: the model is linear in {@code (a, b, tx, ty)}, and {@code (a, b)} ranges over
     * the whole plane exactly as {@code (s ≥ 0, θ)} do, so the rotation-only constraint costs nothing. After
     * subtracting the centroids ({@code p = src − mean(src)}, {@code q = dst − mean(dst)}) the normal equations
     * decouple:
     * <pre>
     *   a = Σ (p_x q_x + p_y q_y) / Σ |p|²,   b = Σ (p_x q_y − p_y q_x) / Σ |p|²,
     *   t = mean(dst) − [[a, −b], [b, a]] mean(src)
     * </pre>
     * which equals Umeyama's {@code U diag(d) V} and {@code scale = trace(S d) / σ²} (the two singular values
     * add when {@code det A > 0} and subtract when it is negative, exactly as {@code |(a, b)|} does).
     *
     * @throws IllegalArgumentException if the arrays differ in length, a coordinate is NaN or infinite, the
     *     source has fewer than two distinct points, or the best fit has scale 0 (all destination points
     *     coincide, or they are a mirror image of the source, which a rotation cannot fit)
     */
    public static SimilarityTransform estimate(double[] srcX, double[] srcY, double[] dstX, double[] dstY) {
        Objects.requireNonNull(srcX, "srcX");
        Objects.requireNonNull(srcY, "srcY");
        Objects.requireNonNull(dstX, "dstX");
        Objects.requireNonNull(dstY, "dstY");
        int n = srcX.length;
        if (srcY.length != n || dstX.length != n || dstY.length != n) {
            throw new IllegalArgumentException("point arrays differ in length: srcX " + n + ", srcY " + srcY.length
                    + ", dstX " + dstX.length + ", dstY " + dstY.length);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(srcX[i]) || !Double.isFinite(srcY[i])
                    || !Double.isFinite(dstX[i]) || !Double.isFinite(dstY[i])) {
                throw new IllegalArgumentException("point " + i + " is not finite: src (" + srcX[i] + ", " + srcY[i]
                        + "), dst (" + dstX[i] + ", " + dstY[i] + ")");
            }
        }
        if (!distinctAtLeastTwo(srcX, srcY)) {
            throw new IllegalArgumentException("need at least 2 distinct source points, got " + n
                    + " point(s) with " + (n == 0 ? 0 : 1) + " distinct");
        }
        double msx = mean(srcX);
        double msy = mean(srcY);
        double mdx = mean(dstX);
        double mdy = mean(dstY);
        double spread = 0.0;
        double dot = 0.0;
        double cross = 0.0;
        for (int i = 0; i < n; i++) {
            double px = srcX[i] - msx;
            double py = srcY[i] - msy;
            double qx = dstX[i] - mdx;
            double qy = dstY[i] - mdy;
            spread += px * px + py * py;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
        }
        if (!(spread > 0.0)) {
            throw new IllegalArgumentException("source points are too close together to fit a transform (spread "
                    + spread + ")");
        }
        double a = dot / spread;
        double b = cross / spread;
        if (a == 0.0 && b == 0.0) {
            throw new IllegalArgumentException("the best-fitting similarity has scale 0: the destination points "
                    + "coincide or mirror the source, which no rotation and scale can fit");
        }
        return new SimilarityTransform(a, b, mdx - (a * msx - b * msy), mdy - (b * msx + a * msy));
    }

    /** The x coordinate of {@code (x, y)} mapped: {@code a x − b y + tx}. */
    public double applyX(double x, double y) {
        return a * x - b * y + tx;
    }

    /** The y coordinate of {@code (x, y)} mapped: {@code b x + a y + ty}. */
    public double applyY(double x, double y) {
        return b * x + a * y + ty;
    }

    /** {@code (x, y)} mapped, as {@code {x', y'}}. */
    public double[] apply(double x, double y) {
        return new double[] {applyX(x, y), applyY(x, y)};
    }

    /**
     * The transform undoing this one: with {@code s² = a² + b²}, the linear part {@code [[a, −b], [b, a]]}
     * inverts to {@code [[a, b], [−b, a]] / s²} and the translation to {@code −(that) t}.
     */
    public SimilarityTransform inverse() {
        double s2 = a * a + b * b;
        double ia = a / s2;
        double ib = -b / s2;
        return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }

    /** The scale {@code s = √(a² + b²)}: output pixels per input pixel. */
    public double scale() {
        return Math.hypot(a, b);
    }

    /** The rotation {@code θ = atan2(b, a)} in degrees, in (−180, 180]. */
    public double rotationDegrees() {
        return Math.toDegrees(Math.atan2(b, a));
    }

    private static boolean distinctAtLeastTwo(double[] x, double[] y) {
        for (int i = 1; i < x.length; i++) {
            if (x[i] != x[0] || y[i] != y[0]) {
                return true;
            }
        }
        return false;
    }

    private static double mean(double[] v) {
        double s = 0.0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}

package org.lrpo.core.faces;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;

/**
 * The ground-truth box of a face in a {@link SceneGenerator} photo, and the face region whose visible share
 * {@link SceneFace#visibleFraction} is.
 *
 * <p>A face box is a convention, not a fact of the image, and a detector scored against boxes of another convention
 * loses IoU for nothing (a systematic offset). So the box here is what face-api's tiny face detector draws on these
 * faces, measured on single upright faces of 48-200 px ({@code FaceBoxConventionProbe} in lrpo-rewards' tests; 120
 * faces, inputs 416 and 608): with {@code w} the face's half-width at the cheekbones and {@code L} the
 * eye-line-to-chin distance, its boxes span 1.23-1.30 {@code w} either side of the face's mid-line (they take in the
 * ears and the hair at the temples), from 0.41-0.44 {@code L} above the eye line (mid-forehead) to 1.13-1.14
 * {@code L} below it (a little under the chin), and their centre follows the yaw by 0.29 {@code w sin(yaw)}, as the
 * silhouette's mid-line {@link FaceLayout#outlineX outlineX(0)} does. Hence {@link #HALF_WIDTH}, {@link #TOP} and
 * {@link #BOTTOM} about {@code outlineX(0)}. (Smaller faces get relatively larger boxes, 1.4 {@code w} at 48-80 px
 * against 1.2 at 130-200 px: the convention is the middle.) Matched to the detector's boxes, this box has a mean IoU
 * of 0.83 on upright faces.
 *
 * <p>For a rotated face the box is the axis-aligned bounds of the ellipse inscribed in the upright box, turned with
 * the face. The detector's box does not grow with the rotation the way the bounds of the rotated rectangle's corners
 * do: on faces rotated up to 30 degrees the mean IoU with the detector's boxes was 0.807 for the ellipse's bounds,
 * 0.806 for the upright box left unrotated, and 0.691 for the corners' bounds. (The box is nearly square, so the
 * ellipse's bounds barely grow; they are the geometric choice, the face being round.)
 *
 * <p>{@link SceneFace#size} is the geometric mean of the upright box's sides; {@link SceneFace#visibleFraction}
 * is the share of the ellipse in the upright box, turned with the face, that lies in the photo and under no person
 * pasted later.
 */
final class GroundTruthBox {
    /** Box half-width in units of the face half-width {@code w}, measured (see the class doc). */
    static final double HALF_WIDTH = 1.25;
    /** Box top above the eye line, in units of the eye-to-chin distance. */
    static final double TOP = 0.42;
    /** Box bottom below the eye line, in units of the eye-to-chin distance. */
    static final double BOTTOM = 1.13;

    private GroundTruthBox() {}

    /** The upright ground-truth box in {@link FaceLayout} units (see the class doc). */
    static Rectangle2D upright(FaceLayout f) {
        double length = f.chinY - FaceLayout.EYE_LINE;
        double top = FaceLayout.EYE_LINE - TOP * length;
        double bottom = FaceLayout.EYE_LINE + BOTTOM * length;
        double half = HALF_WIDTH * f.w;
        // Centred on the silhouette's mid-line, which swings with the yaw like the detector's box does.
        return new Rectangle2D.Double(f.outlineX(0) - half, top, 2 * half, bottom - top);
    }

    /**
     * The face region whose visible share is {@link SceneFace#visibleFraction}: the ellipse inscribed in the upright
     * ground-truth box, i.e. what the box stands for (brows to below the chin, cheek to cheek), not the scalp.
     */
    static Shape faceRegion(FaceLayout f) {
        Rectangle2D b = upright(f);
        return new Ellipse2D.Double(b.getX(), b.getY(), b.getWidth(), b.getHeight());
    }

    /** The upright box's centre in {@link FaceLayout} units. */
    static Point2D centre(FaceLayout f) {
        Rectangle2D b = upright(f);
        return new Point2D.Double(b.getCenterX(), b.getCenterY());
    }

    /**
     * Half extents of the axis-aligned bounds of the upright box's inscribed ellipse under {@code t}, a
     * similarity (rotation, uniform scale, translation): {@code sqrt(a² cos² + b² sin²)} across and
     * {@code sqrt(a² sin² + b² cos²)} down.
     */
    static double[] halfExtents(FaceLayout f, AffineTransform t) {
        Rectangle2D b = upright(f);
        double scale = Math.hypot(t.getScaleX(), t.getShearY());
        double angle = Math.atan2(t.getShearY(), t.getScaleX());
        double a = b.getWidth() / 2 * scale;
        double h = b.getHeight() / 2 * scale;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        return new double[] {Math.sqrt(a * a * cos * cos + h * h * sin * sin),
            Math.sqrt(a * a * sin * sin + h * h * cos * cos)};
    }
}

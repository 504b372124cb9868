package org.lrpo.core.faces;

/**
 * The ground truth of one face in a {@link Scene}, in photo pixels (x to the right, y down, the photo's top-left
 * corner at 0, 0). Boxes and points may lie partly outside the photo when the face is cut by the border.
 *
 * @param x               left edge of the ground-truth box (see {@link GroundTruthBox} for what the box covers)
 * @param y               top edge of the box
 * @param width           box width: the axis-aligned bounds of the rotated face, so it grows with the rotation
 * @param height          box height
 * @param size            the box side before rotation, the face's size for "faces of at least N px"
 * @param rotationDegrees in-plane rotation of the face, clockwise on screen: the scene's rotation plus the
 *                        head's own roll
 * @param identity        the {@link FaceIdentity} index (run seed = the scene's seed)
 * @param variant         the {@link FaceAppearance} variant index
 * @param leftEye         centre of the image-left eye (the person's right eye)
 * @param rightEye        centre of the image-right eye
 * @param noseTip         tip of the nose
 * @param mouthLeft       image-left mouth corner
 * @param mouthRight      image-right mouth corner
 * @param visibleFraction fraction of the face region (the ellipse inscribed in the upright box: brows to below the
 *                        chin, cheek to cheek) that shows in the photo: less than 1 when the border cuts it or
 *                        another person's hair or shoulders cover it
 */
public record SceneFace(double x, double y, double width, double height, double size, double rotationDegrees,
        long identity, long variant, Point leftEye, Point rightEye, Point noseTip, Point mouthLeft, Point mouthRight,
        double visibleFraction) {

    /** A point in photo pixels. */
    public record Point(double x, double y) {
    }

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double centreX() {
        return x + width / 2;
    }

    public double centreY() {
        return y + height / 2;
    }
}

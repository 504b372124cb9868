package org.lrpo.core.faces;

import java.awt.geom.Path2D;
import java.awt.geom.Point2D;

/**
 * Where a face's parts sit, in image units (the image is the unit square), for one identity in one pose.
 *
 * <p>The layout follows FFHQ-style aligned crops: the eye line at y = {@link #EYE_LINE}, the face centred
 * horizontally, the chin near y = 0.85, the shoulders entering at the bottom corners. Head roll, scale and offset
 * are applied later as one affine transform; yaw is modelled here by treating the face as a vertical cylinder:
 * a feature at face coordinate {@code u} (in units of the face half-width, -1 .. 1) projects to
 * {@code x = CENTRE + W sin(asin(u) + yaw)}, so the far eye narrows and the nose moves toward the turn.
 */
final class FaceLayout {
    static final double CENTRE = 0.5;
    static final double EYE_LINE = 0.44;
    /** Head size relative to the layout below, so that the face fills the frame like an FFHQ crop. */
    static final double HEAD_SCALE = 1.12;

    final FaceIdentity id;
    final double w;
    final double yaw;
    final double chinY;
    final double topY;
    final double browY;
    final double noseBaseY;
    final double mouthY;
    final double smile;
    final double eyeOpenness;

    FaceLayout(FaceIdentity id, FaceAppearance.Expression expression, double yaw) {
        this.id = id;
        this.w = id.faceWidth();
        this.yaw = yaw;
        this.chinY = EYE_LINE + id.faceLength();
        this.topY = EYE_LINE - 0.85 * id.faceLength();
        this.browY = EYE_LINE - id.browHeight() - 0.012 * expression.browRaise();
        this.noseBaseY = EYE_LINE + id.noseLength();
        this.mouthY = noseBaseY + 0.33 * (chinY - noseBaseY) + id.upperLip();
        this.smile = expression.smile();
        this.eyeOpenness = expression.eyeOpenness();
    }

    /** Image x of a surface feature at face coordinate {@code u} (units of the face half-width). */
    double fx(double u) {
        double c = Math.max(-0.98, Math.min(0.98, u));
        return CENTRE + w * Math.sin(Math.asin(c) + yaw);
    }

    /** Image x of a point on the mid-line that stands {@code depth} half-widths in front of the cheek surface. */
    double midX(double depth) {
        return CENTRE + w * (1 + depth) * Math.sin(yaw);
    }

    /** Image x of the silhouette at face coordinate {@code u}: the chin swings a little toward the turn. */
    double outlineX(double u) {
        return CENTRE + w * (u + 0.3 * Math.sin(yaw) * (1 - u * u));
    }

    /** The face silhouette from the crown to the chin. */
    Path2D outline() {
        double j = id.jawWidth();
        double c = id.chinWidth();
        double d = EYE_LINE - topY;
        double templeY = EYE_LINE - 0.06;
        double cheekY = EYE_LINE + 0.07;
        double jawY = chinY - 0.075;
        return Draw.smoothClosed(
                outlineX(0), topY,
                outlineX(0.68), topY + 0.15 * d,
                outlineX(0.93), topY + 0.45 * d,
                outlineX(0.99), templeY,
                outlineX(0.97), cheekY,
                outlineX(j), jawY,
                outlineX(c), chinY - 0.014,
                outlineX(0), chinY,
                outlineX(-c), chinY - 0.014,
                outlineX(-j), jawY,
                outlineX(-0.97), cheekY,
                outlineX(-0.99), templeY,
                outlineX(-0.93), topY + 0.45 * d,
                outlineX(-0.68), topY + 0.15 * d);
    }

    /** Face coordinate of an eye's centre; {@code side} is -1 for the image-left eye, +1 for the right. */
    double eyeU(int side) {
        return side * id.eyeSpacing() / w;
    }

    /** Centre of an eye (midway between its corners, on the eye line); {@code side} as in {@link #eyeU}. */
    Point2D eyeCentre(int side) {
        double halfU = id.eyeWidth() / w;
        double u = eyeU(side);
        return new Point2D.Double((fx(u - halfU) + fx(u + halfU)) / 2, EYE_LINE);
    }

    /** Image x of the nose tip, which stands in front of the cheeks and so swings furthest with yaw. */
    double noseTipX() {
        return midX(0.45);
    }

    /** The nose tip: above the nostrils, where the painter puts the tip's highlight. */
    Point2D noseTip() {
        return new Point2D.Double(noseTipX(), noseBaseY - 0.022);
    }

    /** Half-width of the mouth in face coordinates; a smile widens it. */
    double mouthHalfU() {
        return id.mouthWidth() * (1 + 0.18 * smile) / w;
    }

    /** Image y of the mouth corners; a smile lifts them. */
    double mouthCornerY() {
        return mouthY - 0.024 * smile + 0.003;
    }

    /** A mouth corner; {@code side} is -1 for the image-left corner, +1 for the right. */
    Point2D mouthCorner(int side) {
        return new Point2D.Double(fx(side * mouthHalfU()), mouthCornerY());
    }
}

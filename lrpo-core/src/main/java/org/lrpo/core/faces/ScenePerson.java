package org.lrpo.core.faces;

import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;

/**
 * One face to draw in a {@link SceneGenerator} photo: who, how, and where (centre of its {@link GroundTruthBox} in
 * photo pixels, rotation, scale). The centre is set once {@link ScenePlacement} has found it a spot.
 */
final class ScenePerson {
    final int index;
    final long identityIndex;
    final long variant;
    final FaceIdentity identity;
    final FaceAppearance appearance;
    final FaceLayout layout;
    final double size;
    final double rotation;
    final double portraitSide;
    double cx;
    double cy;

    ScenePerson(int index, long identityIndex, long variant, FaceIdentity identity, FaceAppearance appearance,
            double size, double rotation) {
        this.index = index;
        this.identityIndex = identityIndex;
        this.variant = variant;
        this.identity = identity;
        this.appearance = appearance;
        this.layout = new FaceLayout(identity, appearance.expression(), appearance.pose().yaw());
        this.size = size;
        this.rotation = rotation;
        Rectangle2D box = GroundTruthBox.upright(layout);
        double layoutScale = FaceLayout.HEAD_SCALE * appearance.pose().scale();
        this.portraitSide = size / (Math.sqrt(box.getWidth() * box.getHeight()) * layoutScale);
    }

    /** The same face at another size, not yet placed. */
    ScenePerson resized(double newSize) {
        return new ScenePerson(index, identityIndex, variant, identity, appearance, newSize, rotation);
    }

    /** Portrait units (the unit square of {@link FaceRenderer}) to photo pixels. */
    AffineTransform portraitToPhoto() {
        Point2D anchor = FaceRenderer.layoutToPortrait(appearance.pose())
                .transform(GroundTruthBox.centre(layout), null);
        AffineTransform t = AffineTransform.getTranslateInstance(cx, cy);
        t.rotate(rotation);
        t.scale(portraitSide, portraitSide);
        t.translate(-anchor.getX(), -anchor.getY());
        return t;
    }

    /** {@link FaceLayout} units to photo pixels. */
    AffineTransform layoutToPhoto() {
        AffineTransform t = portraitToPhoto();
        t.concatenate(FaceRenderer.layoutToPortrait(appearance.pose()));
        return t;
    }

    /** The ground-truth box's half extents in photo pixels (independent of the centre). */
    double[] halfExtents() {
        return GroundTruthBox.halfExtents(layout, layoutToPhoto());
    }

    double chinY() {
        return layoutToPhoto().transform(new Point2D.Double(FaceLayout.CENTRE, layout.chinY), null).getY();
    }

    /** The face's ground truth, given the share of its face region that stayed visible. */
    SceneFace face(double visibleFraction) {
        AffineTransform t = layoutToPhoto();
        double[] e = GroundTruthBox.halfExtents(layout, t);
        Point2D c = t.transform(GroundTruthBox.centre(layout), null);
        double degrees = Math.toDegrees(rotation + appearance.pose().roll());
        return new SceneFace(c.getX() - e[0], c.getY() - e[1], 2 * e[0], 2 * e[1], size, degrees,
                identityIndex, variant, point(t, layout.eyeCentre(-1)), point(t, layout.eyeCentre(1)),
                point(t, layout.noseTip()), point(t, layout.mouthCorner(-1)), point(t, layout.mouthCorner(1)),
                visibleFraction);
    }

    private static SceneFace.Point point(AffineTransform t, Point2D p) {
        Point2D q = t.transform(p, null);
        return new SceneFace.Point(q.getX(), q.getY());
    }
}

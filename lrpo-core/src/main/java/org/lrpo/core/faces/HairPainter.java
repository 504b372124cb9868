package org.lrpo.core.faces;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.util.Optional;
import java.util.SplittableRandom;
import org.lrpo.core.random.Seeds;

/**
 * Paints hair in two layers: the part that falls behind the head (long and bob cuts), painted before the face,
 * and the part in front (the cap over the skull, the fringe, side curtains), painted after it. Strands are thin
 * curves whose positions come from the identity's detail seed, so a person's hair is the same in every image.
 */
final class HairPainter {
    private HairPainter() {}

    static void paintBack(Graphics2D g, FaceLayout f, Color hair, FaceAppearance.Lighting light) {
        backShape(f).ifPresent(back -> paintTextured(g, f, back, hair, light, 1, true));
    }

    static void paintFront(Graphics2D g, FaceLayout f, Color hair, FaceAppearance.Lighting light) {
        frontShape(f).ifPresent(front -> {
            // The fringe and the hairline cast a soft shadow on the forehead.
            Shape shadow = AffineTransform.getTranslateInstance(-0.006 * light.dirX(), 0.008).createTransformedShape(front);
            Draw.fill(g, shadow, new Color(30, 15, 10, (int) (30 + 90 * light.strength())));
            paintTextured(g, f, front, hair, light, 2, f.id.hairStyle() != HairStyle.CURLY);
        });
    }

    /** Hair behind the head; empty for cuts that have none. */
    private static Optional<Shape> backShape(FaceLayout f) {
        FaceIdentity id = f.id;
        double cx = f.outlineX(0);
        double w = f.w * 1.08 + id.hairVolume();
        Shape back = switch (id.hairStyle()) {
            case LONG -> {
                double bottom = f.chinY + 0.06 + 0.14 * id.hairLength();
                yield Draw.smoothClosed(cx, f.topY - id.hairVolume(), cx + w * 0.95, f.topY + 0.06, cx + w * 1.05, FaceLayout.EYE_LINE,
                        cx + w * 1.12, f.chinY - 0.02, cx + w * 1.2, bottom, cx, bottom + 0.02, cx - w * 1.2, bottom,
                        cx - w * 1.12, f.chinY - 0.02, cx - w * 1.05, FaceLayout.EYE_LINE, cx - w * 0.95, f.topY + 0.06);
            }
            case BOB -> {
                double bottom = f.chinY - 0.06 + 0.06 * id.hairLength();
                yield Draw.smoothClosed(cx, f.topY - id.hairVolume(), cx + w * 0.98, f.topY + 0.07, cx + w * 1.08, FaceLayout.EYE_LINE,
                        cx + w * 1.1, bottom - 0.02, cx + w * 0.8, bottom, cx - w * 0.8, bottom, cx - w * 1.1, bottom - 0.02,
                        cx - w * 1.08, FaceLayout.EYE_LINE, cx - w * 0.98, f.topY + 0.07);
            }
            case CURLY -> id.hairLength() > 0.4 ? curls(f, cx, (f.topY + f.chinY) / 2 - 0.04, w * 1.25,
                    (f.chinY - f.topY) / 2 + 0.04 + 0.04 * id.hairLength(), id.detailSeed()) : null;
            default -> null;
        };
        return Optional.ofNullable(back);
    }

    /** Hair in front of the face: cap minus the face window, plus fringe and side curtains. */
    private static Optional<Shape> frontShape(FaceLayout f) {
        FaceIdentity id = f.id;
        double cx = f.outlineX(0);
        double vol = id.hairVolume();
        double capRx = f.w * 1.04 + vol;
        double capCy = FaceLayout.EYE_LINE - 0.02;
        double capRy = capCy - f.topY + vol;
        double hairline = f.browY - 0.15 - 0.05 * id.masculinity() * id.hairGrey();
        Area cap;
        switch (id.hairStyle()) {
            case BALD -> {
                if (id.hairLength() < 0.5) {
                    return Optional.empty();
                }
                // A horseshoe of short hair around the sides.
                Area ring = new Area(Draw.ellipse(cx, capCy, f.w * 1.03 + 0.008, capRy * 0.92));
                ring.subtract(new Area(Draw.ellipse(cx, capCy - 0.05, f.w * 0.9, capRy * 0.92)));
                ring.intersect(new Area(new Rectangle2D.Double(0, FaceLayout.EYE_LINE - 0.12, 1, 0.13)));
                return Optional.of(ring);
            }
            case BUZZ -> cap = new Area(Draw.ellipse(cx, capCy, f.w * 1.02 + 0.004, capCy - f.topY + 0.006));
            case BUN -> {
                cap = new Area(Draw.ellipse(cx, capCy, f.w * 1.03 + 0.006, capCy - f.topY + 0.01));
                double r = 0.05 + 0.025 * id.hairLength();
                cap.add(new Area(Draw.ellipse(cx, f.topY - r * 0.6, r, r * 0.9)));
            }
            case CURLY -> cap = new Area(curls(f, cx, capCy, capRx + 0.03, capRy + 0.03, id.detailSeed()));
            default -> cap = new Area(Draw.ellipse(cx, capCy, capRx, capRy));
        }
        cap.intersect(new Area(new Rectangle2D.Double(0, 0, 1, FaceLayout.EYE_LINE + sideburnDepth(id))));
        if (id.hairStyle() != HairStyle.CURLY) {
            // Toward the ears the hair lies flat against the head instead of keeping the crown's volume.
            double hug = f.w * 1.02 + 0.004;
            cap.intersect(new Area(Draw.smoothClosed(cx, f.topY - vol - 0.1, cx + capRx + 0.01, f.topY + 0.04,
                    cx + hug, FaceLayout.EYE_LINE - 0.07, cx + hug * 0.98, FaceLayout.EYE_LINE + 0.3,
                    cx - hug * 0.98, FaceLayout.EYE_LINE + 0.3, cx - hug, FaceLayout.EYE_LINE - 0.07,
                    cx - capRx - 0.01, f.topY + 0.04)));
        }
        cap.subtract(new Area(faceWindow(f, cx, hairline)));
        switch (id.hairStyle()) {
            case MEDIUM -> cap.add(new Area(sideFringe(f, cx, hairline)));
            case LONG -> {
                for (int side = -1; side <= 1; side += 2) {
                    cap.add(new Area(curtain(f, cx, side)));
                }
            }
            default -> { }
        }
        return Optional.of(cap);
    }

    private static double sideburnDepth(FaceIdentity id) {
        return switch (id.hairStyle()) {
            case LONG, BOB, CURLY -> 0.12;
            case MEDIUM -> 0.05;
            default -> 0.01;
        };
    }

    /** The forehead and face left uncovered, bounded above by the hairline (a straight fringe for bobs). */
    private static Shape faceWindow(FaceLayout f, double cx, double hairline) {
        double s = 0.86 * f.w;
        double bottom = FaceLayout.EYE_LINE + 0.5;
        if (f.id.hairStyle() == HairStyle.BOB) {
            double fringe = FaceLayout.EYE_LINE - 0.085;
            return Draw.smoothClosed(cx - s, bottom, cx - s, fringe + 0.03, cx - s * 0.5, fringe, cx + s * 0.5, fringe,
                    cx + s, fringe + 0.03, cx + s, bottom);
        }
        double part = f.id.hairPart() * f.w * 0.3;
        double temple = FaceLayout.EYE_LINE - 0.09;
        // Below the temples the window widens, so short side hair tapers into a sideburn.
        return Draw.smoothClosed(cx - s * 1.2, bottom, cx - s * 1.1, FaceLayout.EYE_LINE + 0.01, cx - s * 0.96, temple,
                cx - s * 0.75, hairline + 0.04, cx - s * 0.35, hairline + 0.008, cx + part, hairline,
                cx + s * 0.35, hairline + 0.008, cx + s * 0.75, hairline + 0.04, cx + s * 0.96, temple,
                cx + s * 1.1, FaceLayout.EYE_LINE + 0.01, cx + s * 1.2, bottom);
    }

    /** A lock swept from the parting across the forehead. */
    private static Shape sideFringe(FaceLayout f, double cx, double hairline) {
        double side = f.id.hairPart() >= 0 ? 1 : -1;
        double px = cx + side * f.w * 0.35;
        double low = FaceLayout.EYE_LINE - 0.07 - 0.03 * (1 - f.id.hairLength());
        return Draw.smoothClosed(px, hairline - 0.03, cx - side * f.w * 0.5, hairline - 0.005, cx - side * f.w * 0.95, low,
                cx - side * f.w * 0.7, low + 0.01, cx - side * f.w * 0.1, hairline + 0.035, px + side * 0.02, hairline + 0.01);
    }

    /** Long hair falling in front of the shoulders on one side of the face. */
    private static Shape curtain(FaceLayout f, double cx, int side) {
        double x = cx + side * f.w * 0.92;
        double bottom = f.chinY + 0.04 + 0.14 * f.id.hairLength();
        return Draw.smoothClosed(x - side * 0.005, FaceLayout.EYE_LINE - 0.11, x + side * 0.05, FaceLayout.EYE_LINE,
                x + side * 0.07, f.chinY - 0.02, x + side * 0.1, bottom, x + side * 0.04, bottom - 0.01,
                x + side * 0.015, f.chinY - 0.05, x - side * 0.01, FaceLayout.EYE_LINE + 0.02);
    }

    /** A bumpy ellipse: the union of circles along an ellipse's rim and its interior. */
    private static Shape curls(FaceLayout f, double cx, double cy, double rx, double ry, long seed) {
        SplittableRandom r = Seeds.stream(seed, "face-hair-curls");
        Area a = new Area(Draw.ellipse(cx, cy, rx * 0.92, ry * 0.92));
        int n = 28;
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            double rr = 0.025 + 0.02 * r.nextDouble();
            a.add(new Area(Draw.ellipse(cx + rx * 0.9 * Math.cos(t), cy + ry * 0.9 * Math.sin(t), rr, rr)));
        }
        return a;
    }

    private static void paintTextured(Graphics2D g, FaceLayout f, Shape shape, Color hair, FaceAppearance.Lighting light,
            long layer, boolean straight) {
        Draw.fill(g, shape, Draw.shade(hair, 0.8));
        Graphics2D in = (Graphics2D) g.create();
        try {
            in.clip(shape);
            Rectangle2D box = shape.getBounds2D();
            SplittableRandom r = Seeds.stream(f.id.detailSeed(), "face-hair-strands", layer);
            double px = FaceLayout.CENTRE + f.id.hairPart() * f.w * 0.3;
            double py = f.topY - 0.01;
            int strands = 220;
            for (int i = 0; i < strands; i++) {
                Color c = Draw.alpha(Draw.shade(hair, 0.55 + 0.8 * r.nextDouble()), 0.55);
                double width = 0.002 + 0.004 * r.nextDouble();
                Shape strand;
                if (!straight) {
                    double x = box.getX() + box.getWidth() * r.nextDouble();
                    double y = box.getY() + box.getHeight() * r.nextDouble();
                    double rad = 0.006 + 0.01 * r.nextDouble();
                    strand = new Arc2D.Double(x - rad, y - rad, 2 * rad, 2 * rad, 360 * r.nextDouble(), 200,
                            Arc2D.OPEN);
                } else if (layer == 1) {
                    double x = box.getX() + box.getWidth() * r.nextDouble();
                    double sway = (x - FaceLayout.CENTRE) * 0.3;
                    strand = new QuadCurve2D.Double(px + (x - px) * 0.3, py, x + sway, box.getCenterY(), x + sway * 0.5,
                            box.getMaxY() + 0.02);
                } else {
                    double ex = box.getX() - 0.1 + (box.getWidth() + 0.2) * r.nextDouble();
                    double ey = FaceLayout.EYE_LINE + 0.15 * r.nextDouble();
                    strand = new QuadCurve2D.Double(px, py, px + (ex - px) * 1.05, py + 0.02 + 0.06 * r.nextDouble(), ex, ey);
                }
                Draw.stroke(in, strand, c, width);
            }
            // Sheen toward the light, shadow on the far side.
            double hx = FaceLayout.CENTRE + light.dirX() * f.w * 0.6;
            double hy = f.topY + 0.08;
            float radius = (float) (f.w * 0.9);
            Draw.fill(in, box, new RadialGradientPaint(Draw.point(hx, hy), radius, new float[] {0f, 1f},
                    new Color[] {new Color(255, 250, 240, (int) (40 + 80 * light.strength())), new Color(255, 250, 240, 0)}));
            Draw.fill(in, box, new LinearGradientPaint(Draw.point(FaceLayout.CENTRE + light.dirX() * f.w, 0),
                    Draw.point(FaceLayout.CENTRE - light.dirX() * f.w * 1.3, 0.3), new float[] {0f, 1f},
                    new Color[] {new Color(0, 0, 0, 0), new Color(0, 0, 0, (int) (200 * light.strength()))}));
        } finally {
            in.dispose();
        }
        Draw.stroke(g, shape, Draw.alpha(Draw.shade(hair, 0.6), 0.6), 0.002);
    }
}

package org.lrpo.core.faces;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.SplittableRandom;
import org.lrpo.core.random.Seeds;

/** Paints facial hair (below and above the mouth) and spectacles. */
final class AccessoryPainter {
    private AccessoryPainter() {}

    /** Chin and jaw hair, painted before the mouth so the lips stay visible. */
    static void paintBeard(Graphics2D g, FaceLayout f, Color hair) {
        Beard beard = f.id.beard();
        if (beard == Beard.NONE || beard == Beard.MOUSTACHE) {
            return;
        }
        Area area = new Area(f.outline());
        double top = beard == Beard.GOATEE ? f.mouthY + 0.012 : f.noseBaseY + 0.005;
        area.intersect(new Area(new Rectangle2D.Double(0, top, 1, 1)));
        if (beard == Beard.GOATEE) {
            area.intersect(new Area(Draw.ellipse(f.fx(0), f.chinY - 0.02, f.id.mouthWidth() * 1.1, 0.08)));
        } else {
            // Keep the cheeks clear: the beard line runs from the sideburn down to the mouth corners.
            Path2D cheeks = Draw.smoothClosed(f.fx(-0.75), top - 0.02, f.fx(-0.45), f.mouthY - 0.01, f.fx(0), f.mouthY - 0.02,
                    f.fx(0.45), f.mouthY - 0.01, f.fx(0.75), top - 0.02, f.fx(0), top - 0.04);
            area.subtract(new Area(cheeks));
        }
        double alpha = beard == Beard.STUBBLE ? 0.3 : 0.9;
        paintFacialHair(g, f, area, hair, alpha, 1);
    }

    /** Moustache, painted after the mouth (it overlaps the upper lip). */
    static void paintMoustache(Graphics2D g, FaceLayout f, Color hair) {
        Beard beard = f.id.beard();
        if (beard == Beard.NONE) {
            return;
        }
        double m = f.id.mouthWidth() * 1.15;
        double y = f.mouthY - f.id.upperLip() * 0.6;
        double top = Math.max(f.noseBaseY + 0.008, y - 0.032);
        double mid = f.fx(0) * 0.6 + f.midX(0.2) * 0.4;
        // Thick under the nose, thinning toward the mouth corners where it droops a little.
        Shape moustache = Draw.smoothClosed(mid, top + 0.003, mid + m * 0.55, top + 0.008, mid + m * 1.05, y + 0.01,
                mid + m * 0.6, y + 0.001, mid, y - 0.002, mid - m * 0.6, y + 0.001, mid - m * 1.05, y + 0.01,
                mid - m * 0.55, top + 0.008);
        paintFacialHair(g, f, moustache, hair, beard == Beard.STUBBLE ? 0.3 : 0.85, 2);
    }

    private static void paintFacialHair(Graphics2D g, FaceLayout f, Shape area, Color hair, double alpha, long part) {
        Draw.fill(g, area, Draw.alpha(Draw.shade(hair, 0.85), alpha));
        Graphics2D in = (Graphics2D) g.create();
        try {
            in.clip(area);
            Rectangle2D box = area.getBounds2D();
            SplittableRandom r = Seeds.stream(f.id.detailSeed(), "face-beard-strands", part);
            for (int i = 0; i < 120; i++) {
                double x = box.getX() + box.getWidth() * r.nextDouble();
                double y = box.getY() + box.getHeight() * r.nextDouble();
                double dx = (x - f.fx(0)) * 0.15;
                Draw.stroke(in, new Line2D.Double(x, y, x + dx, y + 0.012), Draw.alpha(Draw.shade(hair, 0.5 + 0.9 * r.nextDouble()),
                        alpha * 0.6), 0.0025);
            }
        } finally {
            in.dispose();
        }
    }

    static void paintGlasses(Graphics2D g, FaceLayout f, FaceAppearance.Lighting light) {
        Glasses glasses = f.id.glasses();
        if (glasses == Glasses.NONE) {
            return;
        }
        Color frame = Draw.mix(new Color(20, 18, 18), new Color(190, 170, 130), glasses == Glasses.THICK ? 0.2 * f.id.frameShade()
                : f.id.frameShade());
        double width = glasses == Glasses.THICK ? 0.009 : 0.0035;
        double rimY = FaceLayout.EYE_LINE + 0.004;
        double[] inner = new double[2];
        double[] outer = new double[2];
        for (int side = -1; side <= 1; side += 2) {
            double u = f.eyeU(side);
            double halfU = f.id.eyeWidth() * 1.45 / f.w;
            double x0 = f.fx(u - halfU);
            double x1 = f.fx(u + halfU);
            double ry = f.id.eyeWidth() * (glasses == Glasses.ROUND ? 1.25 : 0.95);
            Shape lens = glasses == Glasses.ROUND
                    ? Draw.ellipse((x0 + x1) / 2, rimY, (x1 - x0) / 2, ry)
                    : new RoundRectangle2D.Double(x0, rimY - ry, x1 - x0, 2 * ry, 0.025, 0.025);
            Draw.fill(g, lens, new Color(200, 220, 235, 30));
            // A reflection streak across the lens.
            Graphics2D in = (Graphics2D) g.create();
            try {
                in.clip(lens);
                double sx = (x0 + x1) / 2 + light.dirX() * (x1 - x0) * 0.2;
                Draw.stroke(in, new Line2D.Double(sx - 0.02, rimY + ry, sx + 0.03, rimY - ry), new Color(255, 255, 255, 45), 0.012);
            } finally {
                in.dispose();
            }
            Draw.stroke(g, lens, frame, width);
            int k = (side + 1) / 2;
            inner[k] = side < 0 ? x1 : x0;
            outer[k] = side < 0 ? x0 : x1;
            // Arms run back to the ears.
            double earX = f.outlineX(side * 1.0);
            Draw.stroke(g, new Line2D.Double(outer[k], rimY - ry * 0.5, earX, rimY - ry * 0.3), frame, width * 0.8);
        }
        Draw.stroke(g, Draw.smoothOpen(inner[0], rimY - 0.008, (inner[0] + inner[1]) / 2, rimY - 0.014, inner[1], rimY - 0.008),
                frame, width * 0.9);
    }
}

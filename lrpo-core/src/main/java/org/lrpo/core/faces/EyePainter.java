package org.lrpo.core.faces;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;

/** Paints the eyes (white, iris, pupil, catch-light, lids, lashes) and the eyebrows. */
final class EyePainter {
    private EyePainter() {}

    static void paintEyes(Graphics2D g, FaceLayout f, Color skin, FaceAppearance.Lighting light) {
        FaceIdentity id = f.id;
        Color irisColour = SkinTones.iris(id.irisPigment());
        Color lidLine = Draw.mix(new Color(30, 20, 18), Draw.shade(skin, 0.3), 0.3);
        for (int side = -1; side <= 1; side += 2) {
            double u = f.eyeU(side);
            double halfU = id.eyeWidth() / f.w;
            double innerX = f.fx(u - side * halfU);
            double outerX = f.fx(u + side * halfU);
            double cx = f.fx(u);
            double halfWidth = Math.abs(outerX - innerX) / 2;
            double lift = id.eyeTilt() * id.eyeWidth();
            double innerY = FaceLayout.EYE_LINE + 0.25 * lift;
            double outerY = FaceLayout.EYE_LINE - lift;
            double h = id.eyeHeight() * id.eyeWidth() * f.eyeOpenness * (1 - 0.2 * f.smile);
            double topY = FaceLayout.EYE_LINE - 0.62 * h;
            double bottomY = FaceLayout.EYE_LINE + 0.42 * h;
            double peakX = innerX + (outerX - innerX) * 0.45;

            Path2D upper = Draw.smoothOpen(innerX, innerY, innerX + (peakX - innerX) * 0.4, topY + 0.25 * h, peakX, topY,
                    outerX - (outerX - peakX) * 0.35, topY + 0.3 * h, outerX, outerY);
            Path2D lower = Draw.smoothOpen(outerX, outerY, cx + (outerX - cx) * 0.45, bottomY - 0.1 * h, cx - (cx - innerX) * 0.1,
                    bottomY, innerX, innerY);
            Path2D eye = new Path2D.Double(upper);
            eye.append(lower, true);
            eye.closePath();

            Draw.fill(g, eye, new Color(236, 232, 226));
            Graphics2D inside = (Graphics2D) g.create();
            try {
                inside.clip(eye);
                double gaze = 0.25 * halfWidth * Math.sin(f.yaw) / 0.3;
                double ix = cx + gaze;
                double iy = FaceLayout.EYE_LINE - 0.05 * h;
                double ir = 0.42 * id.eyeWidth();
                Draw.fill(inside, Draw.ellipse(ix, iy, ir * (halfWidth / id.eyeWidth()), ir),
                        new RadialGradientPaint(Draw.point(ix, iy), (float) ir, new float[] {0f, 0.55f, 1f},
                                new Color[] {Draw.shade(irisColour, 1.25), irisColour, Draw.shade(irisColour, 0.45)}));
                Draw.fill(inside, Draw.ellipse(ix, iy, ir * 0.42, ir * 0.42), new Color(12, 10, 10));
                double hx = ix + light.dirX() * ir * 0.35;
                double hy = iy + light.dirY() * ir * 0.35;
                Draw.fill(inside, Draw.ellipse(hx, hy, ir * 0.2, ir * 0.2), new Color(255, 255, 255, 230));
                // The upper lid shades the top of the eyeball.
                Draw.fill(inside, eye.getBounds2D(), new LinearGradientPaint(Draw.point(0, topY), Draw.point(0, topY + 0.7 * h),
                        new float[] {0f, 1f}, new Color[] {new Color(40, 25, 20, 90), new Color(40, 25, 20, 0)}));
            } finally {
                inside.dispose();
            }
            // Lash line (also hides the clip's hard edge), lower lid, crease.
            double lash = 0.0045 + 0.002 * (1 - id.masculinity());
            Draw.stroke(g, upper, lidLine, lash);
            Draw.stroke(g, lower, Draw.alpha(Draw.shade(skin, 0.55), 0.8), 0.0022);
            Draw.stroke(g, Draw.smoothOpen(innerX + (outerX - innerX) * 0.1, innerY - 0.55 * h, peakX, topY - 0.45 * h,
                    outerX + (outerX - innerX) * 0.02, outerY - 0.3 * h), Draw.alpha(Draw.shade(skin, 0.5), 0.5), 0.0025);
            if (id.masculinity() < 0.5) {
                for (int k = 0; k < 3; k++) {
                    double t = 0.7 + 0.12 * k;
                    double lx = innerX + (outerX - innerX) * t;
                    double ly = topY + (outerY - topY) * Math.max(0, (t - 0.45) / 0.55) * 0.9;
                    Draw.stroke(g, new Line2D.Double(lx, ly, lx + side * 0.006, ly - 0.007), lidLine, 0.0018);
                }
            }
        }
    }

    static void paintBrows(Graphics2D g, FaceLayout f, Color hair, Color skin) {
        FaceIdentity id = f.id;
        Color brow = Draw.mix(Draw.shade(hair, 0.75), Draw.shade(skin, 0.45), 0.25);
        for (int side = -1; side <= 1; side += 2) {
            double u = f.eyeU(side);
            double halfU = id.eyeWidth() / f.w;
            double innerX = f.fx(u - side * halfU * 1.0);
            double peakX = f.fx(u + side * halfU * 0.45);
            double outerX = f.fx(u + side * halfU * 1.25);
            double t = id.browThickness();
            double arch = 0.004 + 0.012 * id.browArch();
            double y = f.browY;
            Path2D shape = Draw.smoothOpen(innerX, y + 0.006 - t * 0.5, peakX, y - arch - t * 0.5, outerX, y + 0.008);
            shape.append(Draw.smoothOpen(outerX, y + 0.008, peakX, y - arch + t * 0.45, innerX, y + 0.006 + t * 0.5), true);
            shape.closePath();
            Draw.fill(g, shape, Draw.alpha(brow, 0.92));
        }
    }
}

package org.lrpo.core.faces;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Paints the nose (bridge shadow, wings, nostrils, tip highlight) and the mouth (two-tone lips, smile, teeth). */
final class NoseMouthPainter {
    private NoseMouthPainter() {}

    static void paintNose(Graphics2D g, FaceLayout f, Color skin, FaceAppearance.Lighting light) {
        FaceIdentity id = f.id;
        double base = f.noseBaseY;
        double tipX = f.noseTipX();
        double rootX = f.midX(0.1);
        double nw = id.noseWidth();
        double shadowSide = light.dirX() >= 0 ? -1 : 1;
        Color dark = Draw.shade(skin, 0.45);
        // Bridge shadow on the side away from the light.
        Path2D bridge = Draw.smoothOpen(rootX + shadowSide * 0.016, FaceLayout.EYE_LINE - 0.005,
                (rootX + tipX) / 2 + shadowSide * 0.019, (FaceLayout.EYE_LINE + base) / 2,
                tipX + shadowSide * nw * 0.75, base - 0.022);
        Draw.stroke(g, bridge, Draw.alpha(dark, 0.10 + 0.3 * light.strength()), 0.012);
        Draw.stroke(g, bridge, Draw.alpha(dark, 0.10 + 0.2 * light.strength()), 0.005);
        // Shadow beneath the nose.
        Draw.fill(g, Draw.ellipse(tipX, base + 0.008, nw * 1.0, 0.011), new RadialGradientPaint(Draw.point(tipX, base + 0.008),
                (float) nw, new float[] {0f, 1f}, new Color[] {Draw.alpha(dark, 0.35), Draw.alpha(dark, 0)}));
        // Nose wings.
        for (int side = -1; side <= 1; side += 2) {
            double wx = tipX + side * nw * (1 - 0.3 * side * Math.sin(f.yaw));
            Path2D wing = Draw.smoothOpen(wx - side * nw * 0.15, base - 0.03, wx + side * 0.003, base - 0.014,
                    wx - side * nw * 0.2, base - 0.001);
            Draw.stroke(g, wing, Draw.alpha(Draw.shade(skin, 0.5), 0.55), 0.003);
            Draw.fill(g, Draw.ellipse(tipX + side * nw * 0.45, base - 0.003, nw * 0.27, 0.0055),
                    Draw.alpha(Draw.shade(skin, 0.3), 0.85));
        }
        // Tip highlight toward the light.
        double hx = tipX + light.dirX() * 0.008;
        double hy = base - 0.022 + light.dirY() * 0.005;
        Draw.fill(g, Draw.ellipse(hx, hy, 0.02, 0.02), new RadialGradientPaint(Draw.point(hx, hy), 0.02f,
                new float[] {0f, 1f}, new Color[] {new Color(255, 255, 255, 55), new Color(255, 255, 255, 0)}));
    }

    static void paintMouth(Graphics2D g, FaceLayout f, Color skin) {
        FaceIdentity id = f.id;
        double smile = f.smile;
        double y = f.mouthY;
        double halfU = f.mouthHalfU();
        double mid = f.fx(0) * 0.6 + f.midX(0.2) * 0.4;
        double left = f.fx(-halfU);
        double right = f.fx(halfU);
        double cornerY = f.mouthCornerY();
        double open = Math.max(0, smile - 0.45) * 0.045;
        double up = id.upperLip() * (1 - 0.3 * smile);
        double low = id.lowerLip() * (1 - 0.2 * smile);

        Color lip = Draw.mix(Draw.shade(skin, 0.78), new Color(185, 70, 80), 0.15 + 0.5 * id.lipTint() * (1 - 0.5 * id.skinTone()));
        Color upperColour = Draw.shade(lip, 0.82);
        Color line = Draw.shade(skin, 0.28);

        double lq = (mid - left);
        double rq = (right - mid);
        // Upper lip: cupid's bow on top, the parting line below.
        Path2D upper = Draw.smoothOpen(left, cornerY, mid - lq * 0.55, y - up * 0.75, mid - lq * 0.22, y - up,
                mid, y - up * 0.78, mid + rq * 0.22, y - up, mid + rq * 0.55, y - up * 0.75, right, cornerY);
        Path2D upperInner = Draw.smoothOpen(right, cornerY, mid + rq * 0.5, y - 0.001, mid, y + 0.001,
                mid - lq * 0.5, y - 0.001, left, cornerY);
        Path2D lowerInner = Draw.smoothOpen(left, cornerY, mid - lq * 0.5, y + open * 0.9, mid, y + open + 0.001,
                mid + rq * 0.5, y + open * 0.9, right, cornerY);
        Path2D lowerOuter = Draw.smoothOpen(right, cornerY, mid + rq * 0.55, y + open + low * 0.85, mid, y + open + low,
                mid - lq * 0.55, y + open + low * 0.85, left, cornerY);

        if (open > 0) {
            Path2D gap = new Path2D.Double(upperInner);
            gap.append(lowerInner, true);
            gap.closePath();
            Draw.fill(g, gap, new Color(60, 20, 25));
            Graphics2D inside = (Graphics2D) g.create();
            try {
                inside.clip(gap);
                Draw.fill(inside, new Rectangle2D.Double(left, y - 0.01, right - left, 0.01 + open * 0.6),
                        new Color(238, 234, 225));
            } finally {
                inside.dispose();
            }
        }
        Path2D upperLip = new Path2D.Double(upper);
        upperLip.append(upperInner, true);
        upperLip.closePath();
        Draw.fill(g, upperLip, upperColour);
        Path2D lowerLip = new Path2D.Double(lowerInner);
        lowerLip.append(lowerOuter, true);
        lowerLip.closePath();
        Draw.fill(g, lowerLip, lip);
        double hy = y + open + low * 0.45;
        Draw.fill(g, Draw.ellipse(mid, hy, rq * 0.45, low * 0.4), new RadialGradientPaint(Draw.point(mid, hy), (float) (rq * 0.45),
                new float[] {0f, 1f}, new Color[] {new Color(255, 255, 255, 60), new Color(255, 255, 255, 0)}));
        Draw.stroke(g, open > 0 ? upperInner : Draw.smoothOpen(left, cornerY, mid, y + 0.001, right, cornerY),
                Draw.alpha(line, 0.85), 0.0035);
        // Shadow under the lower lip, and smile folds from the nose wings to the mouth corners.
        double sy = y + open + low + 0.01;
        Draw.fill(g, Draw.ellipse(mid, sy, rq * 0.6, 0.012), new RadialGradientPaint(Draw.point(mid, sy), (float) (rq * 0.6),
                new float[] {0f, 1f}, new Color[] {Draw.alpha(Draw.shade(skin, 0.5), 0.3), Draw.alpha(skin, 0)}));
        if (smile > 0.2) {
            for (int side = -1; side <= 1; side += 2) {
                double nx = f.midX(0.45) + side * id.noseWidth() * 1.3;
                double mx = (side < 0 ? left : right) + side * 0.014;
                double outX = side < 0 ? Math.min(nx, mx) - 0.008 : Math.max(nx, mx) + 0.008;
                Path2D fold = Draw.smoothOpen(nx, f.noseBaseY - 0.01, outX, (f.noseBaseY + cornerY) / 2, mx, cornerY + 0.01);
                Draw.stroke(g, fold, Draw.alpha(Draw.shade(skin, 0.5), 0.15 * (smile - 0.2)), 0.0035);
            }
        }
    }
}

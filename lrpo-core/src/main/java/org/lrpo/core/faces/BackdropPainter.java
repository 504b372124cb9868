package org.lrpo.core.faces;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;
import org.lrpo.core.random.Seeds;

/** Paints what lies behind and below the head: the background, the neck and the clothed shoulders. */
final class BackdropPainter {
    private BackdropPainter() {}

    static void paintBackground(Graphics2D g, FaceAppearance.Backdrop b) {
        double a = b.gradientAngle();
        double dx = 0.5 * Math.sin(a);
        double dy = 0.5 * Math.cos(a);
        Draw.fill(g, new Rectangle2D.Double(0, 0, 1, 1), new LinearGradientPaint(
                Draw.point(0.5 - dx, 0.5 - dy), Draw.point(0.5 + dx, 0.5 + dy),
                new float[] {0f, 1f}, new Color[] {b.top(), b.bottom()}));
        // Out-of-focus blobs, like lights or furniture far behind the sitter.
        SplittableRandom r = Seeds.stream(b.shapesSeed(), "face-backdrop-shapes");
        int blobs = r.nextInt(7);
        for (int i = 0; i < blobs; i++) {
            double x = r.nextDouble();
            double y = 0.7 * r.nextDouble();
            double radius = 0.06 + 0.25 * r.nextDouble();
            Color c = r.nextBoolean() ? Color.WHITE : Draw.shade(b.bottom(), 0.5);
            Color inner = Draw.alpha(c, 0.08 + 0.22 * r.nextDouble());
            Draw.fill(g, Draw.ellipse(x, y, radius, radius), new RadialGradientPaint(
                    Draw.point(x, y), (float) radius, new float[] {0f, 0.6f, 1f},
                    new Color[] {inner, Draw.alpha(c, inner.getAlpha() / 255.0 * 0.7), Draw.alpha(c, 0)}));
        }
    }

    /** Neck and shoulders; they follow the head's offset but not its roll. */
    static void paintBody(Graphics2D g, FaceLayout f, Color skin, FaceAppearance appearance) {
        double cx = f.outlineX(0) * 0.5 + FaceLayout.CENTRE * 0.5;
        double neckW = 0.46 * f.w + 0.02 * f.id.masculinity();
        double neckTop = f.chinY - 0.12;
        Color neckSkin = Draw.shade(skin, 0.86);
        Path2D neck = Draw.smoothOpen(cx - neckW, neckTop, cx - neckW * 0.98, f.chinY + 0.05, cx - neckW * 1.15, 1.02);
        neck.lineTo(cx + neckW * 1.15, 1.02);
        neck.append(Draw.smoothOpen(cx + neckW * 1.15, 1.02, cx + neckW * 0.98, f.chinY + 0.05, cx + neckW, neckTop), true);
        neck.closePath();
        Draw.fill(g, neck, neckSkin);
        // The chin casts a shadow down the neck.
        Draw.fill(g, neck, new LinearGradientPaint(Draw.point(0, f.chinY - 0.02), Draw.point(0, f.chinY + 0.09),
                new float[] {0f, 1f}, new Color[] {Draw.alpha(Draw.shade(skin, 0.35), 0.55), Draw.alpha(skin, 0)}));

        double shoulderY = f.chinY + 0.085;
        double collarY = f.chinY + 0.1;
        Color cloth = appearance.backdrop().clothing();
        Path2D shirt = Draw.smoothOpen(-0.05, shoulderY + 0.13, 0.06, shoulderY + 0.04, cx - 0.3, shoulderY,
                cx - neckW * 1.05, shoulderY - 0.005);
        shirt.append(Draw.smoothOpen(cx - neckW * 1.05, shoulderY - 0.005, cx - neckW * 0.5, collarY + 0.01, cx, collarY + 0.03,
                cx + neckW * 0.5, collarY + 0.01, cx + neckW * 1.05, shoulderY - 0.005), true);
        shirt.append(Draw.smoothOpen(cx + neckW * 1.05, shoulderY - 0.005, cx + 0.3, shoulderY, 0.94, shoulderY + 0.04,
                1.05, shoulderY + 0.13), true);
        shirt.lineTo(1.05, 1.05);
        shirt.lineTo(-0.05, 1.05);
        shirt.closePath();
        Draw.fill(g, shirt, cloth);
        FaceAppearance.Lighting light = appearance.lighting();
        Draw.fill(g, shirt, new LinearGradientPaint(Draw.point(0.5 + 0.45 * light.dirX(), shoulderY),
                Draw.point(0.5 - 0.45 * light.dirX(), 1.0), new float[] {0f, 1f},
                new Color[] {Draw.alpha(Color.WHITE, 0.25 * light.strength()), Draw.alpha(Color.BLACK, 0.9 * light.strength())}));
        // Collar edge.
        Draw.stroke(g, Draw.smoothOpen(cx - neckW * 1.05, shoulderY - 0.005, cx - neckW * 0.5, collarY + 0.01, cx, collarY + 0.03,
                cx + neckW * 0.5, collarY + 0.01, cx + neckW * 1.05, shoulderY - 0.005), Draw.shade(cloth, 0.6), 0.006);
    }
}

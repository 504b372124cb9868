package org.lrpo.core.faces;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.util.SplittableRandom;
import org.lrpo.core.random.Seeds;

/** Paints the ears and the face's skin with its shading: key-light falloff, roundness, blush, eye sockets. */
final class SkinPainter {
    private SkinPainter() {}

    static void paintEars(Graphics2D g, FaceLayout f, Color skin) {
        for (int side = -1; side <= 1; side += 2) {
            // The ear on the side the face turns toward goes behind the head; the other one shows more.
            double visible = Math.max(0.15, Math.min(1.4, 1 - 2.5 * side * Math.sin(f.yaw)));
            double s = f.id.earSize();
            double cx = f.outlineX(side * 0.97) + side * 0.014 * visible;
            double cy = FaceLayout.EYE_LINE + 0.03;
            double rx = 0.024 * s * visible;
            double ry = 0.05 * s;
            Path2D ear = Draw.smoothClosed(cx - side * rx * 0.9, cy - ry * 0.85, cx + side * rx * 0.7, cy - ry,
                    cx + side * rx, cy - ry * 0.2, cx + side * rx * 0.4, cy + ry * 0.8, cx - side * rx * 0.6, cy + ry);
            Draw.fill(g, ear, Draw.shade(skin, 0.93));
            Draw.stroke(g, Draw.smoothOpen(cx + side * rx * 0.45, cy + ry * 0.4, cx + side * rx * 0.55, cy - ry * 0.45,
                    cx - side * rx * 0.1, cy - ry * 0.6), Draw.alpha(Draw.shade(skin, 0.55), 0.7), 0.007 * s);
            Draw.fill(g, Draw.ellipse(cx - side * rx * 0.1, cy + ry * 0.05, rx * 0.35, ry * 0.3),
                    Draw.alpha(Draw.shade(skin, 0.6), 0.5));
        }
    }

    /** Freckles over the nose and cheeks, and a few moles; their places are part of the identity. */
    private static void paintMarks(Graphics2D g, FaceLayout f, Color skin) {
        SplittableRandom r = Seeds.stream(f.id.detailSeed(), "face-skin-marks");
        Color freckle = Draw.alpha(Draw.mix(Draw.shade(skin, 0.7), new Color(150, 80, 40), 0.3), 0.45);
        int freckles = (int) Math.round(90 * f.id.freckles());
        for (int i = 0; i < freckles; i++) {
            // Clustered around the nose bridge and upper cheeks.
            double u = 0.75 * (r.nextDouble() * 2 - 1);
            double y = FaceLayout.EYE_LINE + 0.035 + 0.07 * r.nextDouble() * r.nextDouble() + 0.02 * Math.abs(u);
            double rad = 0.002 + 0.0025 * r.nextDouble();
            Draw.fill(g, Draw.ellipse(f.fx(u), y, rad, rad), freckle);
        }
        int moles = r.nextInt(4);
        Color mole = Draw.alpha(Draw.shade(skin, 0.45), 0.85);
        for (int i = 0; i < moles; i++) {
            double u = 0.85 * (r.nextDouble() * 2 - 1);
            double y = FaceLayout.EYE_LINE + 0.03 + (f.chinY - FaceLayout.EYE_LINE - 0.06) * r.nextDouble();
            if (Math.abs(u) < 0.35 && y < f.noseBaseY) {
                continue; // not on the nose
            }
            double rad = 0.003 + 0.003 * r.nextDouble();
            Draw.fill(g, Draw.ellipse(f.fx(u), y, rad, rad), mole);
        }
    }

    static void paintFace(Graphics2D g, FaceLayout f, Color skin, FaceAppearance.Lighting light) {
        Shape face = f.outline();
        Draw.fill(g, face, skin);
        double cx = f.fx(0);
        double cy = FaceLayout.EYE_LINE + 0.06;
        double reach = f.w * 1.1;

        // Roundness: the face darkens toward its silhouette, brightest where it faces the light.
        double fx = cx + light.dirX() * f.w * 0.35;
        double fy = cy + light.dirY() * f.w * 0.35;
        Color edge = Draw.shade(skin, 0.55);
        Draw.fill(g, face, new RadialGradientPaint(Draw.point(cx, cy), (float) (reach * 1.25), Draw.point(fx, fy),
                new float[] {0f, 0.55f, 1f}, new Color[] {Draw.alpha(Color.WHITE, 0.10), Draw.alpha(edge, 0), Draw.alpha(edge, 0.55)},
                MultipleGradientPaint.CycleMethod.NO_CYCLE));

        // Key light: lit side warm and bright, far side in shadow.
        double s = light.strength();
        Draw.fill(g, face, new LinearGradientPaint(
                Draw.point(cx + light.dirX() * reach, cy + light.dirY() * reach),
                Draw.point(cx - light.dirX() * reach, cy - light.dirY() * reach),
                new float[] {0f, 0.45f, 1f},
                new Color[] {Draw.alpha(new Color(255, 250, 235), 0.3 * s), Draw.alpha(skin, 0),
                    Draw.alpha(Draw.shade(skin, 0.3), 0.85 * s)}));

        // Blush on the cheeks; less visible on dark skin.
        Color blush = new Color(220, 90, 90);
        double blushAlpha = (0.08 + 0.12 * (1 - f.id.masculinity()) + 0.08 * f.smile) * (1 - 0.6 * f.id.skinTone());
        for (int side = -1; side <= 1; side += 2) {
            double bx = f.fx(side * 0.55);
            double by = FaceLayout.EYE_LINE + 0.085 - 0.01 * f.smile;
            float radius = (float) (0.07 * (1 - 0.25 * side * Math.sin(f.yaw)));
            Draw.fill(g, Draw.ellipse(bx, by, radius, radius), new RadialGradientPaint(Draw.point(bx, by), radius,
                    new float[] {0f, 1f}, new Color[] {Draw.alpha(blush, blushAlpha), Draw.alpha(blush, 0)}));
        }

        paintMarks(g, f, skin);

        // Eye sockets and the brow ridge's shadow.
        Color socket = Draw.shade(skin, 0.5);
        for (int side = -1; side <= 1; side += 2) {
            double ex = f.fx(f.eyeU(side));
            double ey = FaceLayout.EYE_LINE - 0.012;
            float radius = (float) (f.id.eyeWidth() * 1.6);
            Draw.fill(g, Draw.ellipse(ex, ey, radius, radius), new RadialGradientPaint(Draw.point(ex, ey), radius,
                    new float[] {0f, 1f}, new Color[] {Draw.alpha(socket, 0.22), Draw.alpha(socket, 0)}));
        }
    }
}

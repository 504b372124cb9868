package org.lrpo.core.faces;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * The background of a {@link SceneGenerator} photo, which is not a face: a two-colour gradient, then flat and soft
 * shapes (panels, windows, blurred lights, polygons, stripes), then a blotchy low-frequency texture and fine grain.
 * Every draw comes from the one stream given, in painting order.
 */
final class SceneBackground {
    private SceneBackground() {}

    /** Paints the whole of {@code photo} (an RGB image backed by ints) from the draws of {@code r}. */
    static void paint(BufferedImage photo, SplittableRandom r) {
        Graphics2D g = photo.createGraphics();
        try {
            FaceRenderer.configure(g);
            paintShapes(g, photo, r);
            texture(photo, r);
        } finally {
            g.dispose();
        }
    }

    /** The gradient and the shapes on it. */
    private static void paintShapes(Graphics2D g, BufferedImage photo, SplittableRandom r) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        float hue = (float) r.nextDouble();
        Color a = Color.getHSBColor(hue, (float) (0.05 + 0.5 * r.nextDouble()), (float) (0.25 + 0.7 * r.nextDouble()));
        Color b = Color.getHSBColor((float) (hue + 0.3 * (r.nextDouble() - 0.5)), (float) (0.05 + 0.5 * r.nextDouble()),
                (float) (0.15 + 0.7 * r.nextDouble()));
        double angle = 2 * Math.PI * r.nextDouble();
        double half = 0.5 * Math.max(w, h);
        Point2D p0 = new Point2D.Double(w / 2.0 - half * Math.cos(angle), h / 2.0 - half * Math.sin(angle));
        Point2D p1 = new Point2D.Double(w / 2.0 + half * Math.cos(angle), h / 2.0 + half * Math.sin(angle));
        g.setPaint(new LinearGradientPaint(p0, p1, new float[] {0f, 1f}, new Color[] {a, b}));
        g.fill(new Rectangle2D.Double(0, 0, w, h));

        int shapes = 3 + r.nextInt(12);
        double scale = Math.max(w, h);
        for (int i = 0; i < shapes; i++) {
            Color c = Color.getHSBColor((float) r.nextDouble(), (float) (0.6 * r.nextDouble()),
                    (float) (0.1 + 0.85 * r.nextDouble()));
            Color fill = Draw.alpha(c, 0.25 + 0.75 * r.nextDouble());
            double x = w * r.nextDouble();
            double y = h * r.nextDouble();
            double size = scale * (0.05 + 0.4 * r.nextDouble());
            switch (r.nextInt(5)) {
                case 0 -> { // panel or window, possibly tilted
                    AffineTransform t = AffineTransform.getRotateInstance(0.3 * (r.nextDouble() - 0.5), x, y);
                    double rw = size * (0.3 + r.nextDouble());
                    double rh = size * (0.3 + r.nextDouble());
                    g.setPaint(fill);
                    g.fill(t.createTransformedShape(new Rectangle2D.Double(x - rw / 2, y - rh / 2, rw, rh)));
                }
                case 1 -> { // blurred light, out of focus
                    float radius = (float) (size / 2);
                    g.setPaint(new RadialGradientPaint(new Point2D.Double(x, y), radius, new float[] {0f, 0.6f, 1f},
                            new Color[] {fill, Draw.alpha(c, fill.getAlpha() / 255.0 * 0.6), Draw.alpha(c, 0)}));
                    g.fill(Draw.ellipse(x, y, radius, radius));
                }
                case 2 -> { // irregular polygon
                    int n = 3 + r.nextInt(4);
                    Path2D poly = new Path2D.Double();
                    for (int k = 0; k < n; k++) {
                        double t = 2 * Math.PI * (k + 0.6 * r.nextDouble()) / n;
                        double rad = size / 2 * (0.5 + 0.5 * r.nextDouble());
                        if (k == 0) {
                            poly.moveTo(x + rad * Math.cos(t), y + rad * Math.sin(t));
                        } else {
                            poly.lineTo(x + rad * Math.cos(t), y + rad * Math.sin(t));
                        }
                    }
                    poly.closePath();
                    g.setPaint(fill);
                    g.fill(poly);
                }
                case 3 -> { // stripes: blinds, wallpaper, shelves
                    double dir = Math.PI * r.nextDouble();
                    double spacing = 6 + 30 * r.nextDouble();
                    double band = spacing * (0.2 + 0.5 * r.nextDouble());
                    Graphics2D s = (Graphics2D) g.create();
                    try {
                        s.rotate(dir, x, y);
                        s.setPaint(Draw.alpha(c, 0.15 + 0.35 * r.nextDouble()));
                        double extent = 1.5 * scale;
                        for (double off = -extent; off < extent; off += spacing) {
                            s.fill(new Rectangle2D.Double(x - extent, y + off, 2 * extent, band));
                        }
                    } finally {
                        s.dispose();
                    }
                }
                default -> { // a hard-edged ellipse (a plate, a lamp)
                    g.setPaint(fill);
                    g.fill(Draw.ellipse(x, y, size / 2 * (0.4 + 0.6 * r.nextDouble()), size / 2 * (0.4 + 0.6 * r.nextDouble())));
                }
            }
        }
    }

    /** Low-frequency brightness blotches (bilinear value noise on a coarse grid) and per-pixel grain. */
    private static void texture(BufferedImage photo, SplittableRandom r) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        int cells = 4 + r.nextInt(28);
        double blotch = 0.25 * r.nextDouble();
        double grain = 10 * r.nextDouble();
        double[] grid = new double[(cells + 1) * (cells + 1)];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = 2 * r.nextDouble() - 1;
        }
        int[] rgb = ((DataBufferInt) photo.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            double gy = (double) y / h * cells;
            int iy = Math.min((int) gy, cells - 1);
            double fy = gy - iy;
            for (int x = 0; x < w; x++) {
                double gx = (double) x / w * cells;
                int ix = Math.min((int) gx, cells - 1);
                double fx = gx - ix;
                double n = (1 - fy) * ((1 - fx) * grid[iy * (cells + 1) + ix] + fx * grid[iy * (cells + 1) + ix + 1])
                        + fy * ((1 - fx) * grid[(iy + 1) * (cells + 1) + ix] + fx * grid[(iy + 1) * (cells + 1) + ix + 1]);
                double gain = 1 + blotch * n;
                double noise = grain * (r.nextDouble() - 0.5);
                int p = rgb[y * w + x];
                int cr = clamp255(((p >> 16) & 0xFF) * gain + noise);
                int cg = clamp255(((p >> 8) & 0xFF) * gain + noise);
                int cb = clamp255((p & 0xFF) * gain + noise);
                rgb[y * w + x] = (cr << 16) | (cg << 8) | cb;
            }
        }
    }

    private static int clamp255(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}

package org.lrpo.core.faces;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;

/** Small Java2D helpers shared by the face painters: shapes in image units, colour arithmetic, smooth curves. */
final class Draw {
    private Draw() {}

    static Ellipse2D ellipse(double cx, double cy, double rx, double ry) {
        return new Ellipse2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry);
    }

    static void fill(Graphics2D g, Shape shape, Paint paint) {
        g.setPaint(paint);
        g.fill(shape);
    }

    static void stroke(Graphics2D g, Shape shape, Paint paint, double width) {
        g.setPaint(paint);
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
    }

    /** {@code c} with opacity {@code alpha} in [0, 1]. */
    static Color alpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), clamp255(alpha * 255));
    }

    /** {@code c} scaled by {@code f} (below 1 darkens; above 1 brightens, saturating at white). */
    static Color shade(Color c, double f) {
        return new Color(clamp255(c.getRed() * f), clamp255(c.getGreen() * f), clamp255(c.getBlue() * f), c.getAlpha());
    }

    /** Linear blend {@code (1 - t) a + t b}. */
    static Color mix(Color a, Color b, double t) {
        return new Color(clamp255(a.getRed() + (b.getRed() - a.getRed()) * t),
                clamp255(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                clamp255(a.getBlue() + (b.getBlue() - a.getBlue()) * t),
                clamp255(a.getAlpha() + (b.getAlpha() - a.getAlpha()) * t));
    }

    static Point2D point(double x, double y) {
        return new Point2D.Double(x, y);
    }

    /**
     * A closed curve through the points {@code (x0, y0, x1, y1, ...)}: a Catmull-Rom spline converted to cubic
     * Bezier segments, so outlines can be given as a few landmarks instead of control points.
     */
    static Path2D smoothClosed(double... xy) {
        int n = xy.length / 2;
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int i = 0; i < n; i++) {
            appendSegment(path, xy, (i - 1 + n) % n, i, (i + 1) % n, (i + 2) % n);
        }
        path.closePath();
        return path;
    }

    /** An open Catmull-Rom curve through the points {@code (x0, y0, x1, y1, ...)}, end tangents clamped. */
    static Path2D smoothOpen(double... xy) {
        int n = xy.length / 2;
        Path2D.Double path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int i = 0; i < n - 1; i++) {
            appendSegment(path, xy, Math.max(i - 1, 0), i, i + 1, Math.min(i + 2, n - 1));
        }
        return path;
    }

    private static void appendSegment(Path2D path, double[] xy, int a, int b, int c, int d) {
        double c1x = xy[2 * b] + (xy[2 * c] - xy[2 * a]) / 6;
        double c1y = xy[2 * b + 1] + (xy[2 * c + 1] - xy[2 * a + 1]) / 6;
        double c2x = xy[2 * c] - (xy[2 * d] - xy[2 * b]) / 6;
        double c2y = xy[2 * c + 1] - (xy[2 * d + 1] - xy[2 * b + 1]) / 6;
        path.curveTo(c1x, c1y, c2x, c2y, xy[2 * c], xy[2 * c + 1]);
    }

    private static int clamp255(double v) {
        return (int) Math.round(Math.max(0, Math.min(255, v)));
    }
}

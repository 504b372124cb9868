package org.lrpo.core.faces;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pastes the placed people into a {@link SceneGenerator} photo and tells how much of each face stays visible.
 *
 * <p>How a face gets into the photo: the sitter (hair, head, neck and shoulders; {@link FaceRenderer#paintSitter})
 * is painted straight into a transparent layer through the transform portrait → photo (scale to the face's size,
 * in-plane rotation, translation), so it is rendered at its own resolution and rotated without resampling. Only
 * the sitter is pasted, not the portrait's square background; the shoulders fade out below the chin and at the
 * portrait's sides so no square edge shows. People are pasted from the top of the photo down (by chin height),
 * as in a group photo where the front row stands lower; a face may then lose a little to another person's hair
 * or shoulders, which {@link SceneFace#visibleFraction} counts together with the border.
 */
final class SceneCompositor {
    private SceneCompositor() {}

    /**
     * A person's face region ({@link GroundTruthBox#faceRegion}) rasterised over its layer's bounds: origin, width,
     * one byte per pixel (non-zero inside), and how many pixels are inside, in the photo or not.
     */
    private record FaceRegionMask(int x, int y, int width, byte[] pixels, int area) {}

    /** Pastes {@code people} into {@code photo} back to front; their faces' ground truth in paste order. */
    static List<SceneFace> paste(BufferedImage photo, List<ScenePerson> people) {
        int width = photo.getWidth();
        int height = photo.getHeight();
        // The paste rank of the front-most person painted (opaquely) at each pixel, -1 where none is.
        int[] front = new int[width * height];
        Arrays.fill(front, -1);
        List<ScenePerson> order = new ArrayList<>(people);
        order.sort(Comparator.comparingDouble(ScenePerson::chinY).thenComparingInt(p -> p.index));
        List<FaceRegionMask> masks = new ArrayList<>();
        for (int rank = 0; rank < order.size(); rank++) {
            masks.add(pastePerson(photo, front, order.get(rank), rank));
        }
        List<SceneFace> faces = new ArrayList<>();
        for (int rank = 0; rank < order.size(); rank++) {
            FaceRegionMask mask = masks.get(rank);
            int visible = visiblePixels(mask, rank, front, width, height);
            faces.add(order.get(rank).face(mask.area() == 0 ? 0 : Math.min(1.0, visible / (double) mask.area())));
        }
        return faces;
    }

    /**
     * Paints {@code p}'s sitter into a transparent layer over its bounds (which may stick out of the photo), fades
     * the shoulders, composites the layer over {@code photo}, marks in {@code front} the pixels it covers with paste
     * rank {@code rank}, and returns {@code p}'s face region rasterised for {@link #visiblePixels}.
     */
    private static FaceRegionMask pastePerson(BufferedImage photo, int[] front, ScenePerson p, int rank) {
        AffineTransform portrait = p.portraitToPhoto();
        Rectangle2D reach = new Rectangle2D.Double(-0.05, -0.05, 1.1, 1.1);
        Rectangle2D bounds = portrait.createTransformedShape(reach).getBounds2D();
        int x0 = (int) Math.floor(bounds.getMinX());
        int y0 = (int) Math.floor(bounds.getMinY());
        int lw = (int) Math.ceil(bounds.getMaxX()) - x0;
        int lh = (int) Math.ceil(bounds.getMaxY()) - y0;

        BufferedImage layer = new BufferedImage(lw, lh, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = layer.createGraphics();
        try {
            FaceRenderer.configure(g);
            g.translate(-x0, -y0);
            g.transform(portrait);
            g.clip(reach);
            FaceRenderer.paintSitter(g, p.identity, p.appearance);
        } finally {
            g.dispose();
        }
        FaceRenderer.expose(layer, p.appearance.lighting().exposure());
        fade(layer, x0, y0, portrait, p);

        BufferedImage mask = new BufferedImage(lw, lh, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D m = mask.createGraphics();
        try {
            m.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            m.translate(-x0, -y0);
            m.transform(p.layoutToPhoto());
            m.setColor(Color.WHITE);
            m.fill(GroundTruthBox.faceRegion(p.layout));
        } finally {
            m.dispose();
        }
        byte[] maskPixels = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
        int[] argb = ((DataBufferInt) layer.getRaster().getDataBuffer()).getData();
        int area = 0;
        int width = photo.getWidth();
        int height = photo.getHeight();
        for (int ly = 0; ly < lh; ly++) {
            for (int lx = 0; lx < lw; lx++) {
                int i = ly * lw + lx;
                boolean inFace = maskPixels[i] != 0;
                if (inFace) {
                    area++;
                }
                int x = x0 + lx;
                int y = y0 + ly;
                if (x < 0 || y < 0 || x >= width || y >= height) {
                    continue;
                }
                if ((argb[i] >>> 24) >= 128) {
                    front[y * width + x] = rank;
                }
            }
        }

        Graphics2D pg = photo.createGraphics();
        try {
            pg.setComposite(AlphaComposite.SrcOver);
            pg.drawImage(layer, x0, y0, null);
        } finally {
            pg.dispose();
        }
        return new FaceRegionMask(x0, y0, lw, maskPixels, area);
    }

    /**
     * Pixels of a face region (of the person pasted with rank {@code rank}) that lie in the photo and that no person
     * pasted after it covers; its own hair over its forehead does not hide its face. Where the region reaches past
     * the sitter (the box is wider than a bald head) it shows whatever lies behind, which still counts as visible.
     */
    private static int visiblePixels(FaceRegionMask mask, int rank, int[] front, int width, int height) {
        int visible = 0;
        byte[] pixels = mask.pixels();
        int maskWidth = mask.width();
        int rows = pixels.length / maskWidth;
        for (int ly = 0; ly < rows; ly++) {
            int y = mask.y() + ly;
            if (y < 0 || y >= height) {
                continue;
            }
            for (int lx = 0; lx < maskWidth; lx++) {
                int x = mask.x() + lx;
                if (x >= 0 && x < width && pixels[ly * maskWidth + lx] != 0 && front[y * width + x] <= rank) {
                    visible++;
                }
            }
        }
        return visible;
    }

    /**
     * Multiplies the layer's alpha by a fade in portrait units: the shoulders go transparent from a little below
     * the chin to just above the portrait's bottom edge, and everything fades out at the portrait's sides and
     * top, so neither the shirt's cut nor the portrait square shows.
     */
    private static void fade(BufferedImage layer, int x0, int y0, AffineTransform portrait, ScenePerson p) {
        AffineTransform inverse;
        try {
            inverse = portrait.createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalStateException(e);
        }
        double chin = FaceRenderer.layoutToPortrait(p.appearance.pose())
                .transform(new Point2D.Double(FaceLayout.CENTRE, p.layout.chinY), null).getY();
        double end = Math.min(chin + 0.16, 1.04);
        double start = Math.min(chin + 0.04, end - 0.05);
        int lw = layer.getWidth();
        int lh = layer.getHeight();
        int[] argb = ((DataBufferInt) layer.getRaster().getDataBuffer()).getData();
        double[] pt = new double[2];
        for (int ly = 0; ly < lh; ly++) {
            for (int lx = 0; lx < lw; lx++) {
                int i = ly * lw + lx;
                int a = argb[i] >>> 24;
                if (a == 0) {
                    continue;
                }
                pt[0] = x0 + lx + 0.5;
                pt[1] = y0 + ly + 0.5;
                inverse.transform(pt, 0, pt, 0, 1);
                double u = pt[0];
                double v = pt[1];
                double f = smooth((end - v) / (end - start))
                        * smooth((0.55 - Math.abs(u - 0.5)) / 0.13)
                        * smooth((v + 0.05) / 0.05);
                int fa = (int) Math.round(a * f);
                argb[i] = (fa << 24) | (argb[i] & 0xFFFFFF);
            }
        }
    }

    /** 0 below 0, 1 above 1, smoothstep between. */
    private static double smooth(double t) {
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return 1;
        }
        return t * t * (3 - 2 * t);
    }
}

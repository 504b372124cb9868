package org.lrpo.core.faces;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.lrpo.core.random.Seeds;

/**
 * Photos with several generated people in them and the ground truth of every face: for testing a face detector
 * on whole photos and for the restore job's end-to-end tests.
 *
 * <p>Scene {@code (seed, sceneIndex)} is drawn from named {@link Seeds} streams only: the background from
 * {@code (seed, "scene-background", sceneIndex)}, the number of faces from {@code (seed, "scene-face-count",
 * sceneIndex)}, and face {@code k}'s identity, appearance, size, rotation and place from {@code (seed,
 * "scene-face", sceneIndex, k)}; a face's identity and appearance are then {@link FaceIdentity#draw} and
 * {@link FaceAppearance#draw} with run seed {@code seed}. The same arguments give the same pixels.
 *
 * <p>How a face gets into the photo: the sitter (hair, head, neck and shoulders; {@link FaceRenderer#paintSitter})
 * is painted straight into a transparent layer through the transform portrait → photo (scale to the face's size,
 * in-plane rotation, translation), so it is rendered at its own resolution and rotated without resampling. Only
 * the sitter is pasted, not the portrait's square background; the shoulders fade out below the chin and at the
 * portrait's sides so no square edge shows. People are pasted from the top of the photo down (by chin height),
 * as in a group photo where the front row stands lower; a face may then lose a little to another person's hair
 * or shoulders, which {@link SceneFace#visibleFraction} counts together with the border.
 *
 * <p>The ground-truth box. A face box is a convention, not a fact of the image, and a detector scored against boxes
 * of another convention loses IoU for nothing (a systematic offset). So the box here is what face-api's tiny face
 * detector draws on these faces, measured on single upright faces of 48-200 px ({@code FaceBoxConventionProbe} in
 * lrpo-rewards' tests; 120 faces, inputs 416 and 608): with {@code w} the face's half-width at the cheekbones and
 * {@code L} the eye-line-to-chin distance, its boxes span 1.23-1.30 {@code w} either side of the face's mid-line
 * (they take in the ears and the hair at the temples), from 0.41-0.44 {@code L} above the eye line (mid-forehead)
 * to 1.13-1.14 {@code L} below it (a little under the chin), and their centre follows the yaw by
 * 0.29 {@code w sin(yaw)}, as the silhouette's mid-line {@link FaceLayout#outlineX outlineX(0)} does. Hence
 * {@link #BOX_HALF_WIDTH}, {@link #BOX_TOP} and {@link #BOX_BOTTOM} about {@code outlineX(0)}. (Smaller faces get
 * relatively larger boxes, 1.4 {@code w} at 48-80 px against 1.2 at 130-200 px: the convention is the middle.)
 * Matched to the detector's boxes, this box has a mean IoU of 0.83 on upright faces.
 *
 * <p>For a rotated face the box is the axis-aligned bounds of the ellipse inscribed in the upright box, turned with
 * the face. The detector's box does not grow with the rotation the way the bounds of the rotated rectangle's corners
 * do: on faces rotated up to 30 degrees the mean IoU with the detector's boxes was 0.807 for the ellipse's bounds,
 * 0.806 for the upright box left unrotated, and 0.691 for the corners' bounds. (The box is nearly square, so the
 * ellipse's bounds barely grow; they are the geometric choice, the face being round.)
 *
 * <p>{@link SceneFace#size} is the geometric mean of the upright box's sides; {@link SceneFace#visibleFraction}
 * is the share of the ellipse in the upright box, turned with the face, that lies in the photo and under no person
 * pasted later.
 */
public final class SceneGenerator {
    /** Box half-width in units of the face half-width {@code w}, measured (see the class doc). */
    static final double BOX_HALF_WIDTH = 1.25;
    /** Box top above the eye line, in units of the eye-to-chin distance. */
    static final double BOX_TOP = 0.42;
    /** Box bottom below the eye line, in units of the eye-to-chin distance. */
    static final double BOX_BOTTOM = 1.13;

    private static final int PLACEMENT_ATTEMPTS = 60;
    private static final double SHRINK = 0.8;
    /** A face's head area, for the overlap check: its box grown by this factor about its centre. */
    private static final double HEAD_AREA = 1.3;

    private SceneGenerator() {}

    /** Scene {@code sceneIndex} of {@code seed}: a {@code width x height} photo and its faces. */
    public static Scene scene(long seed, long sceneIndex, int width, int height, SceneOptions options) {
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("photo must be at least 16 x 16, got " + width + "x" + height);
        }
        if (options == null) {
            throw new IllegalArgumentException("options must be given");
        }
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        try {
            FaceRenderer.configure(g);
            paintBackground(g, photo, Seeds.stream(seed, "scene-background", sceneIndex));
        } finally {
            g.dispose();
        }
        List<Person> people = place(seed, sceneIndex, width, height, options);
        // The paste rank of the front-most person painted (opaquely) at each pixel, -1 where none is.
        int[] front = new int[width * height];
        Arrays.fill(front, -1);
        List<Person> order = new ArrayList<>(people);
        order.sort(Comparator.comparingDouble(Person::chinY).thenComparingInt(p -> p.index));
        for (int rank = 0; rank < order.size(); rank++) {
            paste(photo, front, order.get(rank), rank);
        }
        List<SceneFace> faces = new ArrayList<>();
        for (int rank = 0; rank < order.size(); rank++) {
            faces.add(order.get(rank).face(visiblePixels(order.get(rank), rank, front, width, height)));
        }
        return new Scene(FaceRenderer.toRgb(photo), faces);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Placement

    /** One face to draw: who, how, and where (centre of its box in photo pixels, rotation, scale). */
    static final class Person {
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
        int maskArea;
        /** The face region rasterised over the layer's bounds: origin, width, and one byte per pixel. */
        int maskX;
        int maskY;
        int maskWidth;
        byte[] mask;

        Person(int index, long identityIndex, long variant, FaceIdentity identity, FaceAppearance appearance,
                double size, double rotation) {
            this.index = index;
            this.identityIndex = identityIndex;
            this.variant = variant;
            this.identity = identity;
            this.appearance = appearance;
            this.layout = new FaceLayout(identity, appearance.expression(), appearance.pose().yaw());
            this.size = size;
            this.rotation = rotation;
            Rectangle2D box = uprightBox(layout);
            double layoutScale = FaceLayout.HEAD_SCALE * appearance.pose().scale();
            this.portraitSide = size / (Math.sqrt(box.getWidth() * box.getHeight()) * layoutScale);
        }

        /** The same face at another size, not yet placed. */
        Person resized(double newSize) {
            return new Person(index, identityIndex, variant, identity, appearance, newSize, rotation);
        }

        /** Portrait units (the unit square of {@link FaceRenderer}) to photo pixels. */
        AffineTransform portraitToPhoto() {
            Point2D anchor = FaceRenderer.layoutToPortrait(appearance.pose()).transform(boxCentre(layout), null);
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
            return boxHalfExtents(layout, layoutToPhoto());
        }

        double chinY() {
            return layoutToPhoto().transform(new Point2D.Double(FaceLayout.CENTRE, layout.chinY), null).getY();
        }

        /** The face's ground truth, given how many of its face-region pixels stayed visible. */
        SceneFace face(int visiblePixels) {
            AffineTransform t = layoutToPhoto();
            double[] e = boxHalfExtents(layout, t);
            Point2D c = t.transform(boxCentre(layout), null);
            double degrees = Math.toDegrees(rotation + appearance.pose().roll());
            return new SceneFace(c.getX() - e[0], c.getY() - e[1], 2 * e[0], 2 * e[1], size, degrees,
                    identityIndex, variant, point(t, layout.eyeCentre(-1)), point(t, layout.eyeCentre(1)),
                    point(t, layout.noseTip()), point(t, layout.mouthCorner(-1)), point(t, layout.mouthCorner(1)),
                    maskArea == 0 ? 0 : Math.min(1.0, visiblePixels / (double) maskArea));
        }
    }

    private static SceneFace.Point point(AffineTransform t, Point2D p) {
        Point2D q = t.transform(p, null);
        return new SceneFace.Point(q.getX(), q.getY());
    }

    /** The upright ground-truth box in {@link FaceLayout} units (see the class doc). */
    static Rectangle2D uprightBox(FaceLayout f) {
        double length = f.chinY - FaceLayout.EYE_LINE;
        double top = FaceLayout.EYE_LINE - BOX_TOP * length;
        double bottom = FaceLayout.EYE_LINE + BOX_BOTTOM * length;
        double half = BOX_HALF_WIDTH * f.w;
        // Centred on the silhouette's mid-line, which swings with the yaw like the detector's box does.
        return new Rectangle2D.Double(f.outlineX(0) - half, top, 2 * half, bottom - top);
    }

    /**
     * The face region whose visible share is {@link SceneFace#visibleFraction}: the ellipse inscribed in the upright
     * ground-truth box, i.e. what the box stands for (brows to below the chin, cheek to cheek), not the scalp.
     */
    static Shape faceRegion(FaceLayout f) {
        Rectangle2D b = uprightBox(f);
        return new Ellipse2D.Double(b.getX(), b.getY(), b.getWidth(), b.getHeight());
    }

    private static Point2D boxCentre(FaceLayout f) {
        Rectangle2D b = uprightBox(f);
        return new Point2D.Double(b.getCenterX(), b.getCenterY());
    }

    /**
     * Half extents of the axis-aligned bounds of the upright box's inscribed ellipse under {@code t}, a
     * similarity (rotation, uniform scale, translation): {@code sqrt(a² cos² + b² sin²)} across and
     * {@code sqrt(a² sin² + b² cos²)} down.
     */
    static double[] boxHalfExtents(FaceLayout f, AffineTransform t) {
        Rectangle2D b = uprightBox(f);
        double scale = Math.hypot(t.getScaleX(), t.getShearY());
        double angle = Math.atan2(t.getShearY(), t.getScaleX());
        double a = b.getWidth() / 2 * scale;
        double h = b.getHeight() / 2 * scale;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        return new double[] {Math.sqrt(a * a * cos * cos + h * h * sin * sin),
            Math.sqrt(a * a * sin * sin + h * h * cos * cos)};
    }

    static List<Person> place(long seed, long sceneIndex, int width, int height, SceneOptions o) {
        SplittableRandom countStream = Seeds.stream(seed, "scene-face-count", sceneIndex);
        int count = o.minFaces() + countStream.nextInt(o.maxFaces() - o.minFaces() + 1);
        List<Person> placed = new ArrayList<>();
        List<double[]> heads = new ArrayList<>();
        double logMin = Math.log(o.minFaceSize());
        double logMax = Math.log(o.maxFaceSize());
        for (int k = 0; k < count; k++) {
            SplittableRandom r = Seeds.stream(seed, "scene-face", sceneIndex, k);
            long identity = r.nextLong(o.identityCount());
            long variant = r.nextInt(o.variantCount());
            double size = Math.exp(logMin + (logMax - logMin) * r.nextDouble());
            double rotation = Math.toRadians(o.maxRotationDegrees() * (2 * r.nextDouble() - 1));
            boolean cut = r.nextDouble() < o.borderCutProbability();
            Person p = new Person(placed.size(), identity, variant, FaceIdentity.draw(seed, identity),
                    FaceAppearance.draw(seed, identity, variant), size, rotation);
            while (true) {
                double[] e = p.halfExtents();
                double[] spot = findSpot(r, e, width, height, cut, heads, o.maxOverlap());
                if (spot != null) {
                    p.cx = spot[0];
                    p.cy = spot[1];
                    placed.add(p);
                    heads.add(new double[] {spot[0], spot[1], HEAD_AREA * e[0], HEAD_AREA * e[1]});
                    break;
                }
                if (p.size * SHRINK < o.minFaceSize()) {
                    break; // no room even at the smallest size: leave this face out
                }
                p = p.resized(p.size * SHRINK);
            }
        }
        return placed;
    }

    /** A centre for a box of half extents {@code e}, or null when every attempt overlaps a placed head. */
    private static double[] findSpot(SplittableRandom r, double[] e, int width, int height, boolean cut,
            List<double[]> heads, double maxOverlap) {
        for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
            double cx = inside(r, e[0], width);
            double cy = inside(r, e[1], height);
            if (cut) {
                // 10-70% of the box outside one side of the photo.
                double outside = 0.1 + 0.6 * r.nextDouble();
                switch (r.nextInt(4)) {
                    case 0 -> cx = e[0] - outside * 2 * e[0];
                    case 1 -> cx = width - e[0] + outside * 2 * e[0];
                    case 2 -> cy = e[1] - outside * 2 * e[1];
                    default -> cy = height - e[1] + outside * 2 * e[1];
                }
            }
            double[] head = {cx, cy, HEAD_AREA * e[0], HEAD_AREA * e[1]};
            boolean free = true;
            for (double[] other : heads) {
                if (overlap(head, other) > maxOverlap) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return new double[] {cx, cy};
            }
        }
        return null;
    }

    /** A centre along one axis keeping a half extent {@code e} inside {@code [0, length]} (centred if it can't). */
    private static double inside(SplittableRandom r, double e, int length) {
        return length <= 2 * e ? length / 2.0 : e + (length - 2 * e) * r.nextDouble();
    }

    /** Intersection of two (cx, cy, ex, ey) boxes over the smaller one's area. */
    private static double overlap(double[] a, double[] b) {
        double w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0] - a[2], b[0] - b[2]);
        double h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1] - a[3], b[1] - b[3]);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        return w * h / Math.min(4 * a[2] * a[3], 4 * b[2] * b[3]);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Pasting

    /**
     * Paints {@code p}'s sitter into a transparent layer over its bounds (which may stick out of the photo), fades
     * the shoulders, composites the layer over {@code photo}, marks in {@code front} the pixels it covers with paste
     * rank {@code rank}, and keeps {@code p}'s face region ({@link #faceRegion}) rasterised for
     * {@link #visiblePixels}.
     */
    private static void paste(BufferedImage photo, int[] front, Person p, int rank) {
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
            m.fill(faceRegion(p.layout));
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
        p.maskArea = area;
        p.maskX = x0;
        p.maskY = y0;
        p.maskWidth = lw;
        p.mask = maskPixels;

        Graphics2D pg = photo.createGraphics();
        try {
            pg.setComposite(AlphaComposite.SrcOver);
            pg.drawImage(layer, x0, y0, null);
        } finally {
            pg.dispose();
        }
    }

    /**
     * Pixels of {@code p}'s face region that lie in the photo and that no person pasted after it covers; its own
     * hair over its forehead does not hide its face. Where the region reaches past the sitter (the box is wider
     * than a bald head) it shows whatever lies behind, which still counts as visible.
     */
    private static int visiblePixels(Person p, int rank, int[] front, int width, int height) {
        int visible = 0;
        int rows = p.mask.length / p.maskWidth;
        for (int ly = 0; ly < rows; ly++) {
            int y = p.maskY + ly;
            if (y < 0 || y >= height) {
                continue;
            }
            for (int lx = 0; lx < p.maskWidth; lx++) {
                int x = p.maskX + lx;
                if (x >= 0 && x < width && p.mask[ly * p.maskWidth + lx] != 0 && front[y * width + x] <= rank) {
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
    private static void fade(BufferedImage layer, int x0, int y0, AffineTransform portrait, Person p) {
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

    // ---------------------------------------------------------------------------------------------------------
    // Background

    /**
     * A background that is not a face: a two-colour gradient, then flat and soft shapes (panels, windows, blurred
     * lights, polygons, stripes), then a blotchy low-frequency texture and fine grain.
     */
    private static void paintBackground(Graphics2D g, BufferedImage photo, SplittableRandom r) {
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
        texture(photo, r);
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

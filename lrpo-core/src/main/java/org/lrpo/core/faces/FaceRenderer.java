package org.lrpo.core.faces;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.lrpo.core.image.RgbImage;

/**
 * Renders a {@link FaceIdentity} in a {@link FaceAppearance} as a square portrait with Java2D.
 *
 * <p>All geometry is in image units (the unit square), so one face looks the same at 32 px and at 512 px. The
 * painters run back to front: background, hair behind the head, neck and shoulders, ears, skin, facial hair, eyes,
 * brows, nose, mouth, moustache, hair in front, glasses. Rendering only uses off-screen images, so it works with
 * {@code java.awt.headless=true}, and it draws no random numbers of its own: the same inputs give the same pixels.
 */
public final class FaceRenderer {
    private FaceRenderer() {}

    /** Renders the face as a {@code size x size} image; {@code size} must be at least 8. */
    public static RgbImage render(FaceIdentity identity, FaceAppearance appearance, int size) {
        BufferedImage image = renderBuffered(identity, appearance, size);
        return toRgb(image);
    }

    /** Renders into an sRGB {@link BufferedImage}, for writing PNGs; {@link #render} converts this image. */
    public static BufferedImage renderBuffered(FaceIdentity identity, FaceAppearance appearance, int size) {
        if (identity == null || appearance == null) {
            throw new IllegalArgumentException("identity and appearance must be given");
        }
        if (size < 8) {
            throw new IllegalArgumentException("face image size must be at least 8 px, got " + size);
        }
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            configure(g);
            g.scale(size, size);
            BackdropPainter.paintBackground(g, appearance.backdrop());
            paintSitter(g, identity, appearance);
        } finally {
            g.dispose();
        }
        expose(image, appearance.lighting().exposure());
        return image;
    }

    /** The rendering hints of every face: antialiased, quality colour and pure strokes. */
    static void configure(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
    }

    /**
     * Paints the sitter without the background and without the exposure: hair, neck and shoulders, ears, face,
     * features, glasses. {@code g}'s transform maps the unit square onto the portrait; the shoulders reach a little
     * past it (x in -0.05 .. 1.05, y to 1.05), so a caller pasting the sitter elsewhere clips to the unit square.
     */
    static void paintSitter(Graphics2D g, FaceIdentity id, FaceAppearance appearance) {
        FaceAppearance.Pose pose = appearance.pose();
        FaceAppearance.Lighting light = appearance.lighting();
        FaceLayout f = new FaceLayout(id, appearance.expression(), pose.yaw());
        Color skin = SkinTones.skin(id.skinTone(), id.skinUndertone());
        Color hair = SkinTones.hair(id.hairMelanin(), id.hairRedness(), id.hairGrey());

        AffineTransform base = g.getTransform();
        // The body follows the head's offset but not its roll or scale.
        g.translate(pose.offsetX(), pose.offsetY());
        AffineTransform body = g.getTransform();
        g.setTransform(head(body, pose));
        HairPainter.paintBack(g, f, hair, light);
        g.setTransform(body);
        BackdropPainter.paintBody(g, f, skin, appearance);
        g.setTransform(head(body, pose));
        if (id.hairStyle() != HairStyle.LONG) {
            SkinPainter.paintEars(g, f, skin);
        }
        SkinPainter.paintFace(g, f, skin, light);
        AccessoryPainter.paintBeard(g, f, hair);
        EyePainter.paintEyes(g, f, skin, light);
        EyePainter.paintBrows(g, f, hair, skin);
        NoseMouthPainter.paintNose(g, f, skin, light);
        NoseMouthPainter.paintMouth(g, f, skin);
        AccessoryPainter.paintMoustache(g, f, hair);
        HairPainter.paintFront(g, f, hair, light);
        AccessoryPainter.paintGlasses(g, f, light);
        g.setTransform(base);
    }

    /**
     * Where {@link FaceLayout}'s units land in the portrait (both the unit square): the pose's offset, then its roll
     * and scale about the point between the eyes. The painters' transform for the head, as one matrix.
     */
    static AffineTransform layoutToPortrait(FaceAppearance.Pose pose) {
        return head(AffineTransform.getTranslateInstance(pose.offsetX(), pose.offsetY()), pose);
    }

    /** Roll and scale about the point between the eyes. */
    private static AffineTransform head(AffineTransform body, FaceAppearance.Pose pose) {
        AffineTransform t = new AffineTransform(body);
        t.translate(FaceLayout.CENTRE, FaceLayout.EYE_LINE);
        t.rotate(pose.roll());
        t.scale(pose.scale() * FaceLayout.HEAD_SCALE, pose.scale() * FaceLayout.HEAD_SCALE);
        t.translate(-FaceLayout.CENTRE, -FaceLayout.EYE_LINE);
        return t;
    }

    /**
     * Multiplies every colour channel by {@code exposure}, saturating at 255 like an over-exposed photo; the alpha
     * byte of an {@code INT_ARGB} image is kept.
     */
    static void expose(BufferedImage image, double exposure) {
        int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int r = (int) Math.min(255, Math.round(((p >> 16) & 0xFF) * exposure));
            int g = (int) Math.min(255, Math.round(((p >> 8) & 0xFF) * exposure));
            int b = (int) Math.min(255, Math.round((p & 0xFF) * exposure));
            argb[i] = (p & 0xFF000000) | (r << 16) | (g << 8) | b;
        }
    }

    /** Converts an {@code INT_RGB} image to a (C, H, W) float image in [0, 1]. */
    static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int plane = w * h;
        float[] chw = new float[3 * plane];
        float scale = 1f / 255f;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            chw[i] = ((p >> 16) & 0xFF) * scale;
            chw[plane + i] = ((p >> 8) & 0xFF) * scale;
            chw[2 * plane + i] = (p & 0xFF) * scale;
        }
        return RgbImage.wrap(w, h, chw);
    }
}

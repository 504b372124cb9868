package org.lrpo.core.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns a decoded {@link BufferedImage} into an {@link RgbImage} and back, reading raw samples.
 *
 * <p>Why raw samples and not {@code BufferedImage.getRGB}: Java tags grey images with a <em>linear</em>
 * grey colour space, so {@code getRGB} brightens every grey PNG/JPEG, and it rounds 16-bit samples to
 * 8 bits. Files store gamma-encoded values; we take them as they are: a sample {@code v} of a
 * {@code b}-bit component becomes {@code v / (2^b - 1)} (so 16-bit PNGs keep their precision,
 * {@code v / 65535}). Grey is replicated into R, G and B. Palette images are looked up in their palette.
 * Anything else (an ICC-tagged colour space that is not sRGB, packed pixels) goes through Java's colour
 * conversion to 8-bit sRGB.
 *
 * <p>Alpha {@code a} is composited over the background colour {@code bg} in the stored (gamma-encoded)
 * values, as image viewers and PIL do: {@code out = a * c + (1 - a) * bg} (premultiplied data:
 * {@code out = c + (1 - a) * bg}).
 */
final class RasterConversion {
    private RasterConversion() {}

    static RgbImage toRgb(BufferedImage image, float[] background) {
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel icm) {
            return fromPalette(image.getRaster(), icm, background);
        }
        if (cm instanceof ComponentColorModel && isIntegral(cm.getTransferType()) && isSrgbOrGrey(cm)) {
            return fromComponents(image.getRaster(), cm, background);
        }
        return fromArgb(image, background);
    }

    private static boolean isIntegral(int transferType) {
        return transferType == DataBuffer.TYPE_BYTE || transferType == DataBuffer.TYPE_USHORT;
    }

    private static boolean isSrgbOrGrey(ColorModel cm) {
        ColorSpace cs = cm.getColorSpace();
        return (cs.isCS_sRGB() && cm.getNumColorComponents() == 3)
                || (cs.getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1);
    }

    private static RgbImage fromComponents(Raster raster, ColorModel cm, float[] bg) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int colours = cm.getNumColorComponents();
        boolean alpha = cm.hasAlpha();
        boolean premultiplied = cm.isAlphaPremultiplied();
        // Divide, not multiply by a reciprocal: k / 255f is then exactly what encoding rounds back to k.
        float[] max = new float[cm.getNumComponents()];
        for (int b = 0; b < max.length; b++) {
            max[b] = (float) ((1L << cm.getComponentSize(b)) - 1);
        }
        float[] out = new float[3 * w * h];
        int plane = w * h;
        int[][] rows = new int[cm.getNumComponents()][w];
        for (int y = 0; y < h; y++) {
            for (int b = 0; b < rows.length; b++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, b, rows[b]);
            }
            for (int x = 0; x < w; x++) {
                float a = alpha ? rows[colours][x] / max[colours] : 1f;
                int i = y * w + x;
                for (int c = 0; c < 3; c++) {
                    int band = colours == 1 ? 0 : c;
                    float v = rows[band][x] / max[band];
                    out[c * plane + i] = composite(v, a, premultiplied, bg[c]);
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    private static RgbImage fromPalette(Raster raster, IndexColorModel icm, float[] bg) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int plane = w * h;
        float[] out = new float[3 * plane];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int idx = row[x];
                float a = icm.getAlpha(idx) / 255f;
                int i = y * w + x;
                out[i] = composite(icm.getRed(idx) / 255f, a, false, bg[0]);
                out[plane + i] = composite(icm.getGreen(idx) / 255f, a, false, bg[1]);
                out[2 * plane + i] = composite(icm.getBlue(idx) / 255f, a, false, bg[2]);
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    private static RgbImage fromArgb(BufferedImage image, float[] bg) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        float[] out = new float[3 * plane];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            // Non-premultiplied sRGB ARGB, whatever the source colour space was.
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                float a = (p >>> 24) / 255f;
                int i = y * w + x;
                out[i] = composite(((p >> 16) & 0xFF) / 255f, a, false, bg[0]);
                out[plane + i] = composite(((p >> 8) & 0xFF) / 255f, a, false, bg[1]);
                out[2 * plane + i] = composite((p & 0xFF) / 255f, a, false, bg[2]);
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    private static float composite(float value, float alpha, boolean premultiplied, float background) {
        if (alpha >= 1f) {
            return value;
        }
        float v = premultiplied ? value + (1f - alpha) * background : alpha * value + (1f - alpha) * background;
        return Math.min(1f, Math.max(0f, v));
    }

    /**
     * An 8-bit RGB {@link BufferedImage} of {@code image}: each value is clamped to [0, 1] and rounded to
     * the nearest of 0..255, so decoding an 8-bit PNG and encoding it again gives the same values.
     */
    static BufferedImage toRgb8(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int plane = w * h;
        float[] chw = image.chw();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                row[x] = (to8(chw[i]) << 16) | (to8(chw[plane + i]) << 8) | to8(chw[2 * plane + i]);
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    private static int to8(float v) {
        if (Float.isNaN(v)) {
            throw new IllegalArgumentException("image contains NaN; cannot encode it");
        }
        return Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
    }
}

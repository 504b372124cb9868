package org.lrpo.jobs.report;

import java.util.Base64;

/**
 * A face image as an {@code <img>} that needs no file beside the page: the bytes as a {@code data:} URI, and a
 * display size that scales small faces up by a whole factor, so a 32-pixel face shows its pixels as squares
 * instead of a blur (the page sets {@code image-rendering: pixelated} on those).
 */
final class Thumbnail {
    /** Faces narrower than this are scaled up by the largest whole factor that stays within it. */
    static final int TARGET = 64;
    /** Display width of faces wider than {@link #TARGET}, scaled down smoothly. */
    static final int LARGE = 96;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Thumbnail() {}

    /** Writes the image, or a dash in an empty box when there are no bytes. */
    static void write(byte[] image, String alt, HtmlWriter out) {
        if (image == null || image.length == 0) {
            out.element("span", ReportFormat.MISSING, "class", "noimg", "title", alt + ": no image");
            return;
        }
        String src = "data:" + mime(image) + ";base64," + Base64.getEncoder().encodeToString(image);
        int[] size = pngSize(image);
        if (size == null) {
            out.open("img", "src", src, "alt", alt, "width", String.valueOf(TARGET));
            return;
        }
        int width = size[0] <= TARGET ? size[0] * Math.max(1, TARGET / size[0]) : LARGE;
        int height = (int) Math.round((double) size[1] * width / size[0]);
        out.open("img", "src", src, "alt", alt, "width", String.valueOf(width), "height", String.valueOf(height),
                "class", width > size[0] ? "px" : null);
    }

    private static String mime(byte[] b) {
        boolean jpeg = b.length > 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8;
        return jpeg ? "image/jpeg" : "image/png";
    }

    /** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
    static int[] pngSize(byte[] b) {
        if (b.length < 24) {
            return null;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (b[i] != PNG_SIGNATURE[i]) {
                return null;
            }
        }
        // Signature (8), chunk length (4), "IHDR" (4), then width and height, big-endian.
        int width = readInt(b, 16);
        int height = readInt(b, 20);
        return width > 0 && height > 0 ? new int[] {width, height} : null;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}

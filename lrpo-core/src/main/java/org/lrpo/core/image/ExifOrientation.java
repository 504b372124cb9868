package org.lrpo.core.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The EXIF orientation tag (0x0112) of a JPEG, and the rotation/flip that makes the stored pixels
 * upright. Cameras store the sensor's pixels and say how to turn them; a viewer (and so a face
 * detector, and so we) must apply it. Values as in the EXIF 2.3 specification: 1 upright, 2 mirrored,
 * 3 rotated 180, 4 flipped vertically, 5 transposed, 6 needs 90 degrees clockwise, 7 transversed,
 * 8 needs 90 degrees counter-clockwise.
 *
 * <p>EXIF is metadata: a missing, damaged or out-of-range tag means "upright", it never rejects the image.
 */
final class ExifOrientation {
    static final int UPRIGHT = 1;

    private ExifOrientation() {}

    /** The orientation stored in the first EXIF APP1 segment of {@code jpeg}, or 1. */
    static int read(byte[] jpeg) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (segments.isEmpty()) {
                return UPRIGHT;
            }
            InputStream data = segments.get(0).data();
            // After the "Exif" identifier comes one pad byte, then the TIFF header.
            byte[] tiff = data.readAllBytes();
            int start = tiff.length > 0 && tiff[0] == 0 ? 1 : 0;
            try (ImageInputStream tiffIn = new MemoryCacheImageInputStream(
                    new ByteArrayInputStream(tiff, start, tiff.length - start))) {
                Directory ifd = new TIFFReader().read(tiffIn);
                Entry entry = ifd.getEntryById(TIFF.TAG_ORIENTATION);
                if (entry == null || !(entry.getValue() instanceof Number n)) {
                    return UPRIGHT;
                }
                int value = n.intValue();
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        } catch (IOException | RuntimeException e) {
            return UPRIGHT;
        }
    }

    /** {@code image} turned upright according to {@code orientation} (1..8). */
    static RgbImage apply(RgbImage image, int orientation) {
        if (orientation == UPRIGHT) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        float[] in = image.chw();
        float[] out = new float[in.length];
        int plane = w * h;
        for (int yo = 0; yo < oh; yo++) {
            for (int xo = 0; xo < ow; xo++) {
                int x;
                int y;
                switch (orientation) {
                    case 2 -> { x = w - 1 - xo; y = yo; }
                    case 3 -> { x = w - 1 - xo; y = h - 1 - yo; }
                    case 4 -> { x = xo; y = h - 1 - yo; }
                    case 5 -> { x = yo; y = xo; }
                    case 6 -> { x = yo; y = h - 1 - xo; }
                    case 7 -> { x = w - 1 - yo; y = h - 1 - xo; }
                    case 8 -> { x = w - 1 - yo; y = xo; }
                    default -> throw new IllegalArgumentException("EXIF orientation must be 1..8, got " + orientation);
                }
                int src = y * w + x;
                int dst = yo * ow + xo;
                for (int c = 0; c < 3; c++) {
                    out[c * plane + dst] = in[c * plane + src];
                }
            }
        }
        return RgbImage.wrap(ow, oh, out);
    }
}

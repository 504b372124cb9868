package org.lrpo.core.train;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.lrpo.core.image.RgbImage;

/**
 * Lays out rows of equally sized images (e.g. LQ | supervised | LRPO | GT per face) as one PNG,
 * each image scaled up by an integer factor with nearest-neighbour so pixels stay visible.
 */
public final class ImageGrid {
    private ImageGrid() {}

    public static byte[] png(List<List<RgbImage>> rows, int scale, int gap) {
        if (rows.isEmpty() || rows.get(0).isEmpty()) {
            throw new IllegalArgumentException("an image grid needs at least one image");
        }
        int w = rows.get(0).get(0).width();
        int h = rows.get(0).get(0).height();
        int cols = rows.stream().mapToInt(List::size).max().orElseThrow();
        int cell = w * scale + gap;
        BufferedImage out = new BufferedImage(cols * cell + gap, rows.size() * (h * scale + gap) + gap,
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, 0xFFFFFF);
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                RgbImage img = rows.get(r).get(c);
                if (img.width() != w || img.height() != h) {
                    throw new IllegalArgumentException("grid cell (" + r + ", " + c + ") is " + img + ", expected "
                            + w + "x" + h);
                }
                int ox = gap + c * cell;
                int oy = gap + r * (h * scale + gap);
                for (int y = 0; y < h * scale; y++) {
                    for (int x = 0; x < w * scale; x++) {
                        out.setRGB(ox + x, oy + y, rgb(img, x / scale, y / scale));
                    }
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static int rgb(RgbImage img, int x, int y) {
        int r = Math.round(img.get(0, y, x) * 255f);
        int g = Math.round(img.get(1, y, x) * 255f);
        int b = Math.round(img.get(2, y, x) * 255f);
        return (r << 16) | (g << 8) | b;
    }
}

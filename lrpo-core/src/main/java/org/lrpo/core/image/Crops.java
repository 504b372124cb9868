package org.lrpo.core.image;

/** Rectangular crops of an image. */
public final class Crops {
    private Crops() {}

    /** The {@code width x height} region at {@code (x0, y0)}, which must lie inside the image. */
    public static RgbImage crop(RgbImage image, int x0, int y0, int width, int height) {
        if (x0 < 0 || y0 < 0 || width < 1 || height < 1 || x0 + width > image.width() || y0 + height > image.height()) {
            throw new IllegalArgumentException("crop " + width + "x" + height + " at (" + x0 + ", " + y0
                    + ") is not inside a " + image.width() + "x" + image.height() + " image");
        }
        float[] in = image.chw();
        float[] out = new float[3 * width * height];
        int w = image.width();
        int h = image.height();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(in, (c * h + y0 + y) * w + x0, out, (c * height + y) * width, width);
            }
        }
        return RgbImage.wrap(width, height, out);
    }
}

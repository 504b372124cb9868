package org.lrpo.core.faces;

import org.lrpo.core.image.RgbImage;

/** Simple image distances for the face tests. */
final class FaceDistance {
    private FaceDistance() {}

    /** Mean absolute pixel difference over the whole image. */
    static double meanAbsolute(RgbImage a, RgbImage b) {
        return region(a, b, 0, 0, 1, 1);
    }

    /**
     * Mean absolute difference over the central box where the face is (x in [0.25, 0.75), y in [0.2, 0.85)), so
     * background and clothing, which change with every appearance, weigh less than the face itself.
     */
    static double faceRegion(RgbImage a, RgbImage b) {
        return region(a, b, 0.25, 0.2, 0.75, 0.85);
    }

    /** Mean colour of the square of half-side {@code half} (image units) centred at {@code (x, y)}. */
    static double[] meanColour(RgbImage img, double x, double y, double half) {
        int x0 = (int) Math.round((x - half) * img.width());
        int x1 = (int) Math.round((x + half) * img.width());
        int y0 = (int) Math.round((y - half) * img.height());
        int y1 = (int) Math.round((y + half) * img.height());
        double[] rgb = new double[3];
        for (int c = 0; c < 3; c++) {
            for (int yy = y0; yy < y1; yy++) {
                for (int xx = x0; xx < x1; xx++) {
                    rgb[c] += img.get(c, yy, xx);
                }
            }
            rgb[c] /= (double) (x1 - x0) * (y1 - y0);
        }
        return rgb;
    }

    private static double region(RgbImage a, RgbImage b, double fx0, double fy0, double fx1, double fy1) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("image sizes differ: " + a + " vs " + b);
        }
        int x0 = (int) (fx0 * a.width());
        int x1 = (int) (fx1 * a.width());
        int y0 = (int) (fy0 * a.height());
        int y1 = (int) (fy1 * a.height());
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    sum += Math.abs(a.get(c, y, x) - b.get(c, y, x));
                }
            }
        }
        return sum / (3.0 * (x1 - x0) * (y1 - y0));
    }
}

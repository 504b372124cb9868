package org.lrpo.rewards.metrics;

import java.util.Objects;
import org.lrpo.core.image.RgbImage;

/**
 * One channel of an image as doubles, row-major ({@code values[y * width + x]}).
 *
 * <p>The metrics work on planes because their references (skimage, dtcwt) compute in float64:
 * accumulating in double keeps our results within 1e-10 of theirs instead of float rounding.
 * The array is shared, not copied; treat it as read-only.
 */
public final class Plane {
    private final int width;
    private final int height;
    private final double[] values;

    private Plane(int width, int height, double[] values) {
        this.width = width;
        this.height = height;
        this.values = values;
    }

    /** Wraps {@code values} (length {@code width * height}) without copying. */
    public static Plane wrap(int width, int height, double[] values) {
        Objects.requireNonNull(values, "values");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("plane size must be positive, got " + width + "x" + height);
        }
        if (values.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + ((long) width * height) + " values for a "
                    + width + "x" + height + " plane, got " + values.length);
        }
        return new Plane(width, height, values);
    }

    /** A copy of channel {@code c} (0 = R, 1 = G, 2 = B) of {@code image}, values as stored (on [0, 1]). */
    public static Plane ofChannel(RgbImage image, int c) {
        if (c < 0 || c > 2) {
            throw new IllegalArgumentException("channel must be 0, 1 or 2, got " + c);
        }
        int n = image.width() * image.height();
        float[] chw = image.chw();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = chw[c * n + i];
        }
        return new Plane(image.width(), image.height(), v);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array, row-major. Read-only by convention. */
    public double[] values() {
        return values;
    }

    public double get(int y, int x) {
        return values[y * width + x];
    }

    @Override
    public String toString() {
        return "Plane[" + width + "x" + height + "]";
    }
}

package org.lrpo.core.image;

import java.util.Objects;

/**
 * An RGB image as three float planes in [0, 1], channel-major (C, H, W) like the policy's tensors.
 *
 * <p>The pixel array is shared, not copied, so an image can move between the codec, the degradation,
 * the metrics and an {@code NDArray} without needless copies. Treat it as read-only: every operation
 * of the project returns a new image instead of writing into its input.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final float[] chw;

    private RgbImage(int width, int height, float[] chw) {
        this.width = width;
        this.height = height;
        this.chw = chw;
    }

    /** Wraps {@code chw} (length {@code 3 * height * width}, plane R then G then B) without copying it. */
    public static RgbImage wrap(int width, int height, float[] chw) {
        Objects.requireNonNull(chw, "chw");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (chw.length != 3L * width * height) {
            throw new IllegalArgumentException("expected " + (3L * width * height) + " floats for a "
                    + width + "x" + height + " RGB image, got " + chw.length);
        }
        return new RgbImage(width, height, chw);
    }

    /** A new black image. */
    public static RgbImage zeros(int width, int height) {
        return wrap(width, height, new float[3 * width * height]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Number of values, {@code 3 * H * W} (METHOD's D). */
    public int size() {
        return chw.length;
    }

    /** The backing array in (C, H, W) order. Read-only by convention. */
    public float[] chw() {
        return chw;
    }

    public float get(int channel, int y, int x) {
        return chw[(channel * height + y) * width + x];
    }

    /** A deep copy, for the rare caller that must mutate. */
    public RgbImage copy() {
        return new RgbImage(width, height, chw.clone());
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}

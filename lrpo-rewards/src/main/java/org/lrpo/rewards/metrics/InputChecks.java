package org.lrpo.rewards.metrics;

import java.util.Objects;
import org.lrpo.core.image.RgbImage;

/** The checks every full-reference metric makes on its pair of images before computing anything. */
final class InputChecks {
    private InputChecks() {}

    /**
     * Throws {@link IllegalArgumentException} if {@code x} and {@code gt} differ in size or if either holds a
     * NaN or infinite value; the message names the metric, the problem and the sizes.
     */
    static void requireComparable(String metric, RgbImage x, RgbImage gt) {
        Objects.requireNonNull(x, () -> metric + ": x is null");
        Objects.requireNonNull(gt, () -> metric + ": gt is null");
        if (x.width() != gt.width() || x.height() != gt.height()) {
            throw new IllegalArgumentException(metric + ": x is " + x.width() + "x" + x.height()
                    + " (WxH) but gt is " + gt.width() + "x" + gt.height() + "; they must be the same size");
        }
        requireFinite(metric, "x", x);
        requireFinite(metric, "gt", gt);
    }

    /** Throws {@link IllegalArgumentException} naming the first NaN or infinite pixel of {@code image}. */
    static void requireFinite(String metric, String name, RgbImage image) {
        float[] v = image.chw();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                int plane = image.width() * image.height();
                int c = i / plane;
                int y = (i % plane) / image.width();
                int xx = i % image.width();
                throw new IllegalArgumentException(metric + ": " + name + " (" + image.width() + "x"
                        + image.height() + ") has a " + (Float.isNaN(v[i]) ? "NaN" : "infinite")
                        + " pixel at channel " + c + ", row " + y + ", column " + xx);
            }
        }
    }

    /** Throws if {@code plane} is smaller than {@code minSide} in either dimension. */
    static void requireMinimumSize(String metric, int width, int height, int minSide, String why) {
        if (width < minSide || height < minSide) {
            throw new IllegalArgumentException(metric + ": the compared region is " + width + "x" + height
                    + " but must be at least " + minSide + "x" + minSide + " (" + why + ")");
        }
    }
}

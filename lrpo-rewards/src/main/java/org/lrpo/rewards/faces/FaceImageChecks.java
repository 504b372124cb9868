package org.lrpo.rewards.faces;

import org.lrpo.core.image.RgbImage;

/** Input checks shared by the face networks and metrics. */
final class FaceImageChecks {
    private FaceImageChecks() {
    }

    /** Every pixel finite; a NaN or infinity would silently poison a descriptor or landmark set. */
    static void requireFinite(RgbImage image, String what) {
        float[] v = image.chw();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                int plane = image.width() * image.height();
                int c = i / plane;
                int y = (i % plane) / image.width();
                int x = i % image.width();
                throw new IllegalArgumentException(what + " has a non-finite pixel (" + v[i] + ") at channel " + c
                        + ", y " + y + ", x " + x);
            }
        }
    }

    static void requireSameSize(RgbImage a, RgbImage b, String aName, String bName) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException(aName + " is " + a.width() + "x" + a.height() + " but " + bName
                    + " is " + b.width() + "x" + b.height() + ": they must have the same size");
        }
    }
}

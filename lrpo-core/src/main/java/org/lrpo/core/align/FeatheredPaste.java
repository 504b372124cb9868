package org.lrpo.core.align;

import java.util.Objects;
import org.lrpo.core.image.RgbImage;

/**
 * Puts a restored face crop back into its photo: the last step of restoring faces in whole photos, as GFPGAN's
 * {@code paste_faces_to_input_image} does.
 *
 * <p>The crop is warped back with the inverse of the alignment ({@link AffineWarp}'s bilinear sampling and edge
 * replication, evaluated only over the mask's {@link FeatherMask#bounds() bounds}) and blended as
 * {@code out = m · crop + (1 − m) · photo} with the {@link FeatherMask} weight {@code m}. Where {@code m = 0}
 * (everywhere outside the face's footprint, and on its edge) the output holds the photo's original floats, not
 * a recomputed blend, and where {@code m = 1} the warped crop's floats: pasting is exact wherever it is not
 * blending. The input photo is not modified; several faces are pasted by pasting into each result in turn.
 */
public final class FeatheredPaste {
    private FeatheredPaste() {}

    /**
     * {@code photo} with {@code restoredCrop} pasted back where {@code photoToCrop} took it from, feathered over
     * {@code featherPx} photo pixels inside the footprint's edge. Callers wanting the pasted region should build
     * the {@link FeatherMask} themselves and use {@link #paste(RgbImage, RgbImage, FeatherMask)}.
     *
     * @throws IllegalArgumentException if {@code featherPx} is negative
     */
    public static RgbImage paste(RgbImage photo, RgbImage restoredCrop, SimilarityTransform photoToCrop,
            int featherPx) {
        Objects.requireNonNull(photo, "photo");
        Objects.requireNonNull(restoredCrop, "restoredCrop");
        return paste(photo, restoredCrop, FeatherMask.of(photo.width(), photo.height(), restoredCrop.width(),
                restoredCrop.height(), photoToCrop, featherPx));
    }

    /**
     * {@code photo} with {@code restoredCrop} blended in under {@code mask}.
     *
     * @throws IllegalArgumentException if the photo's or the crop's size is not the one the mask was made for
     */
    public static RgbImage paste(RgbImage photo, RgbImage restoredCrop, FeatherMask mask) {
        Objects.requireNonNull(photo, "photo");
        Objects.requireNonNull(restoredCrop, "restoredCrop");
        Objects.requireNonNull(mask, "mask");
        if (photo.width() != mask.photoWidth() || photo.height() != mask.photoHeight()) {
            throw new IllegalArgumentException("photo is " + photo.width() + "x" + photo.height()
                    + " but the mask was made for " + mask.photoWidth() + "x" + mask.photoHeight());
        }
        if (restoredCrop.width() != mask.cropWidth() || restoredCrop.height() != mask.cropHeight()) {
            throw new IllegalArgumentException("crop is " + restoredCrop.width() + "x" + restoredCrop.height()
                    + " but the mask was made for " + mask.cropWidth() + "x" + mask.cropHeight());
        }
        float[] out = photo.chw().clone();
        FeatherMask.Box box = mask.bounds();
        if (box.isEmpty()) {
            return RgbImage.wrap(photo.width(), photo.height(), out);
        }
        RgbImage back = AffineWarp.sample(restoredCrop, mask.photoToCrop(), box.x(), box.y(), box.width(),
                box.height());
        float[] crop = back.chw();
        int plane = photo.width() * photo.height();
        int boxPlane = box.width() * box.height();
        for (int j = 0; j < box.height(); j++) {
            int y = box.y() + j;
            for (int i = 0; i < box.width(); i++) {
                int x = box.x() + i;
                float m = mask.weight(x, y);
                if (m == 0f) {
                    continue;
                }
                int o = y * photo.width() + x;
                int b = j * box.width() + i;
                for (int c = 0; c < 3; c++) {
                    float v = crop[c * boxPlane + b];
                    out[c * plane + o] = m == 1f ? v : (float) (m * (double) v + (1.0 - m) * out[c * plane + o]);
                }
            }
        }
        return RgbImage.wrap(photo.width(), photo.height(), out);
    }
}

package org.lrpo.core.align;

import java.util.Objects;
import org.lrpo.core.image.RgbImage;

/**
 * Resamples an image through a {@link SimilarityTransform}: cuts the aligned face crop out of a photo, and
 * (through {@link FeatheredPaste}) puts a restored crop back.
 *
 * <p>Each output pixel {@code (X, Y)} (pixel centres at integers) is the source sampled bilinearly at the
 * inverse-mapped point {@code (x, y) = srcToDst⁻¹(X, Y)}: with {@code x0 = ⌊x⌋}, {@code fx = x − x0} (likewise
 * for {@code y}) it is {@code (1 − fy) [(1 − fx) s(x0, y0) + fx s(x0 + 1, y0)] + fy [(1 − fx) s(x0, y0 + 1) +
 * fx s(x0 + 1, y0 + 1)]}, the arithmetic of skimage's {@code warp(order=1)} and of OpenCV's
 * {@code warpAffine(INTER_LINEAR)} (which rounds the weights to 1/32; this does not). No antialiasing: the
 * aligned crop is at most a few times smaller than the face in the photo, and matching the tools the face
 * models were trained with matters more here than a prefilter.
 *
 * <p><b>Border: edge replication.</b> A point outside the source takes the value of the nearest edge pixel
 * (skimage {@code mode='edge'}, OpenCV {@code BORDER_REPLICATE}); equivalently the point is clamped to
 * {@code [0, w − 1] × [0, h − 1]} before interpolating. facexlib fills with a constant grey (135, 133, 132)
 * instead; when a face is near the photo's edge that grey becomes part of the crop, the restorer sharpens it
 * into a hard grey band, and the paste-back blends it into the face. Replicated edge pixels continue the
 * photo's own colours, so the rim the restorer sees (and returns) is at worst smeared, never a foreign colour.
 * Reflection was the other candidate: it keeps texture, but mirrors whatever is there, and a mirrored half-face
 * at a border would hand the restorer a second, false set of features.
 *
 * <p>Coordinates and weights are computed in double; the result is rounded to float once per pixel.
 */
public final class AffineWarp {
    private AffineWarp() {}

    /**
     * {@code src} mapped through {@code srcToDst} into a new {@code outW × outH} image: output pixel
     * {@code (X, Y)} shows the source at {@code srcToDst.inverse()(X, Y)}.
     *
     * @throws IllegalArgumentException if an output size is not positive
     */
    public static RgbImage warp(RgbImage src, SimilarityTransform srcToDst, int outW, int outH) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(srcToDst, "srcToDst");
        if (outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + outW + "x" + outH);
        }
        return sample(src, srcToDst.inverse(), 0, 0, outW, outH);
    }

    /**
     * The {@code w × h} window at {@code (x0, y0)} of the warped image, given the destination-to-source map
     * directly: pixel {@code (i, j)} of the result is {@code src} sampled at {@code dstToSrc(x0 + i, y0 + j)}.
     * The paste-back uses it to resample a crop over just the face's region of a large photo.
     */
    static RgbImage sample(RgbImage src, SimilarityTransform dstToSrc, int x0, int y0, int w, int h) {
        int sw = src.width();
        int sh = src.height();
        int plane = sw * sh;
        float[] in = src.chw();
        float[] out = new float[3 * w * h];
        int outPlane = w * h;
        double a = dstToSrc.a();
        double b = dstToSrc.b();
        for (int j = 0; j < h; j++) {
            double py = y0 + j;
            for (int i = 0; i < w; i++) {
                double px = x0 + i;
                double x = a * px - b * py + dstToSrc.tx();
                double y = b * px + a * py + dstToSrc.ty();
                double cx = clamp(x, sw - 1);
                double cy = clamp(y, sh - 1);
                int ix = (int) cx;
                int iy = (int) cy;
                double fx = cx - ix;
                double fy = cy - iy;
                int ix1 = Math.min(ix + 1, sw - 1);
                int iy1 = Math.min(iy + 1, sh - 1);
                int i00 = iy * sw + ix;
                int i01 = iy * sw + ix1;
                int i10 = iy1 * sw + ix;
                int i11 = iy1 * sw + ix1;
                int o = j * w + i;
                for (int c = 0; c < 3; c++) {
                    int p = c * plane;
                    double top = (1 - fx) * in[p + i00] + fx * in[p + i01];
                    double bottom = (1 - fx) * in[p + i10] + fx * in[p + i11];
                    out[c * outPlane + o] = (float) ((1 - fy) * top + fy * bottom);
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    /** {@code v} clamped to {@code [0, max]}: edge replication, since bilinear weights then only see edge pixels. */
    private static double clamp(double v, int max) {
        return v < 0 ? 0 : v > max ? max : v;
    }
}

package org.lrpo.rewards.faces;

import org.lrpo.core.image.RgbImage;

/**
 * How face-api turns an image tensor into a network input ({@code NetInput.toBatchTensor} with
 * {@code ops/padToSquare} and {@code tf.image.resizeBilinear}), reproduced on plain float arrays.
 *
 * <ol>
 *   <li>Values 0..255 (our {@link RgbImage} in [0, 1] times 255).</li>
 *   <li>Pad the short side with zeros to a square of side {@code max(H, W)}. Centred (descriptor and
 *       landmark nets): {@code round(diff / 2)} (JS rounding, halves up) after and the rest before.
 *       Not centred (the detector): all {@code diff} after, i.e. bottom or right.</li>
 *   <li>If that side is not the input size, resize bilinearly with TF's legacy sampling
 *       ({@code alignCorners = false, halfPixelCenters = false}): output pixel {@code i} samples source
 *       {@code i * in / out}, clamped at the last row/column. PyTorch's {@code interpolate} samples
 *       {@code (i + 0.5) * in / out - 0.5}: a different image, hence done by hand.</li>
 * </ol>
 */
final class TfjsImageInput {
    private TfjsImageInput() {
    }

    /** The square network input as a (3, size, size) plane-major array in 0..255. */
    static float[] toSquare(RgbImage image, int size, boolean centred) {
        int h = image.height();
        int w = image.width();
        int side = Math.max(h, w);
        int diff = side - Math.min(h, w);
        int before = centred ? diff - (int) Math.round(diff * 0.5) : 0;
        int top = h < w ? before : 0;
        int left = w < h ? before : 0;
        float[] src = image.chw();
        float[] square = new float[3 * side * side];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                int from = (c * h + y) * w;
                int to = (c * side + y + top) * side + left;
                for (int x = 0; x < w; x++) {
                    square[to + x] = src[from + x] * 255f;
                }
            }
        }
        return side == size ? square : resizeBilinear(square, side, size);
    }

    /** {@code tf.image.resizeBilinear(x, [size, size], false, false)} of one (3, in, in) image. */
    static float[] resizeBilinear(float[] chw, int in, int out) {
        float[] dst = new float[3 * out * out];
        double ratio = (double) in / out;
        int[] y0 = new int[out];
        int[] y1 = new int[out];
        double[] fy = new double[out];
        for (int i = 0; i < out; i++) {
            double src = ratio * i;
            y0[i] = Math.max(0, (int) Math.floor(src));
            y1[i] = Math.min(in - 1, (int) Math.ceil(src));
            fy[i] = src - y0[i];
        }
        for (int c = 0; c < 3; c++) {
            int plane = c * in * in;
            for (int i = 0; i < out; i++) {
                int rowTop = plane + y0[i] * in;
                int rowBottom = plane + y1[i] * in;
                for (int j = 0; j < out; j++) {
                    double topLeft = chw[rowTop + y0[j]];
                    double topRight = chw[rowTop + y1[j]];
                    double bottomLeft = chw[rowBottom + y0[j]];
                    double bottomRight = chw[rowBottom + y1[j]];
                    double topV = topLeft + (topRight - topLeft) * fy[j];
                    double bottomV = bottomLeft + (bottomRight - bottomLeft) * fy[j];
                    dst[(c * out + i) * out + j] = (float) (topV + (bottomV - topV) * fy[i]);
                }
            }
        }
        return dst;
    }

    /** face-api's {@code computeReshapedDimensions}: the image's size inside the square input, rounded. */
    static int[] reshapedSize(int width, int height, int inputSize) {
        double scale = (double) inputSize / Math.max(width, height);
        return new int[] {(int) Math.round(width * scale), (int) Math.round(height * scale)};
    }
}

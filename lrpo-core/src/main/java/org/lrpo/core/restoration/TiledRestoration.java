package org.lrpo.core.restoration;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;
import org.lrpo.core.image.RgbImage;

/**
 * Runs a fully convolutional network over an image of any size in square tiles of at most
 * {@code tileSize} pixels, with no seam.
 *
 * <p>Why it is exact: a network of n zero-padded 3x3 convolutions (and pointwise operations) computes
 * each output pixel from the input within n pixels, its receptive radius {@code halo}. Inside a tile,
 * only outputs within {@code halo} pixels of a cut edge see the tile's zero padding instead of the
 * neighbouring pixels. So each tile is read with a margin of {@code halo} pixels past its core on every
 * side that is not the image's own border, and only the core is kept: every kept pixel is the one an
 * untiled pass would give (up to the convolution kernels' float rounding, which may depend on the
 * input's size).
 */
public final class TiledRestoration {
    private final int tileSize;
    private final int halo;

    /**
     * @param tileSize the largest side a network pass sees
     * @param halo the network's receptive radius in pixels
     */
    public TiledRestoration(int tileSize, int halo) {
        if (halo < 0) {
            throw new IllegalArgumentException("halo must be >= 0, got " + halo);
        }
        if (tileSize <= 2 * halo) {
            throw new IllegalArgumentException("tile size " + tileSize + " must exceed twice the halo " + halo);
        }
        this.tileSize = tileSize;
        this.halo = halo;
    }

    /** True when {@code image} is restored in one pass. */
    public boolean fitsOneTile(RgbImage image) {
        return image.width() <= tileSize && image.height() <= tileSize;
    }

    /**
     * {@code network} applied to {@code image} tile by tile. The network maps a model-space batch
     * {@code [1, 3, h, w]} to one of the same shape; {@code manager} owns the temporaries.
     */
    public RgbImage apply(RgbImage image, NDManager manager, UnaryOperator<NDArray> network) {
        int w = image.width();
        int h = image.height();
        float[] in = image.chw();
        float[] out = new float[in.length];
        int core = fitsOneTile(image) ? Math.max(w, h) : tileSize - 2 * halo;
        for (int y0 = 0; y0 < h; y0 += core) {
            for (int x0 = 0; x0 < w; x0 += core) {
                // The core [y0, y1) x [x0, x1) is kept; the tile adds the halo where the image goes on.
                int y1 = Math.min(h, y0 + core);
                int x1 = Math.min(w, x0 + core);
                int ty0 = Math.max(0, y0 - halo);
                int tx0 = Math.max(0, x0 - halo);
                int ty1 = Math.min(h, y1 + halo);
                int tx1 = Math.min(w, x1 + halo);
                int th = ty1 - ty0;
                int tw = tx1 - tx0;
                float[] tile = new float[3 * th * tw];
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < th; y++) {
                        for (int x = 0; x < tw; x++) {
                            tile[(c * th + y) * tw + x] = 2f * in[(c * h + ty0 + y) * w + tx0 + x] - 1f;
                        }
                    }
                }
                float[] result;
                try (NDManager scope = manager.newSubManager()) {
                    result = network.apply(scope.create(tile, new Shape(1, 3, th, tw))).toFloatArray();
                }
                for (int c = 0; c < 3; c++) {
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            float v = (result[(c * th + y - ty0) * tw + x - tx0] + 1f) * 0.5f;
                            out[(c * h + y) * w + x] = v < 0f ? 0f : (v > 1f ? 1f : v);
                        }
                    }
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    public int tileSize() {
        return tileSize;
    }

    public int halo() {
        return halo;
    }
}

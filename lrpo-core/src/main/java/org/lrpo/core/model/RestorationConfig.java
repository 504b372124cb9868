package org.lrpo.core.model;

/**
 * Shape of the stage-1 restoration module R of METHOD.md section 1: a fully convolutional residual
 * network, {@code R(x) = x + tail(blocks(head(x)))}, with no normalisation layer and no resampling, so
 * its output at a pixel depends only on the input within {@link #receptiveRadius()} pixels. That is what
 * lets whole photos be restored in overlapping tiles with no seam (see
 * {@link org.lrpo.core.restoration.TiledRestoration}).
 *
 * @param imageChannels channels in and out (3 for RGB)
 * @param channels width of the hidden layers
 * @param blocks residual blocks, each {@code h + conv(SiLU(conv(SiLU(h))))}
 */
public record RestorationConfig(int imageChannels, int channels, int blocks) {

    public RestorationConfig {
        if (imageChannels < 1) {
            throw new IllegalArgumentException("imageChannels must be positive, got " + imageChannels);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        if (blocks < 0) {
            throw new IllegalArgumentException("blocks must be >= 0, got " + blocks);
        }
    }

    /** An RGB network. */
    public static RestorationConfig rgb(int channels, int blocks) {
        return new RestorationConfig(3, channels, blocks);
    }

    /**
     * Pixels on each side that one output pixel sees: one per 3x3 convolution, of which there are
     * {@code 2 + 2 * blocks} (head, two per block, tail).
     */
    public int receptiveRadius() {
        return 2 + 2 * blocks;
    }
}

package org.lrpo.rewards.metrics;

/** Which values a fidelity metric compares (METHOD.md §10). */
public enum ChannelSpace {
    /** R, G and B scaled to [0, 255]; SSIM-type metrics average over the three channels. */
    RGB,
    /**
     * Luma only, MATLAB {@code rgb2ycbcr} (ITU-R BT.601, studio range):
     * {@code Y = 16 + 65.481 R + 128.553 G + 24.966 B} with R, G, B in [0, 1], so Y lies in [16, 235].
     * Compared with data range 255, as MATLAB-convention super-resolution and face-restoration papers do.
     */
    Y
}

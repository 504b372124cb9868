package org.lrpo.rewards.metrics;

import java.util.Objects;

/**
 * How a full-reference metric prepares the pair before comparing (METHOD.md §10, "Evaluation protocol").
 *
 * <p>Order of the steps, the same as the VQFR evaluation script {@code metric_paper/calculate_psnr_ssim.py}:
 * (1) if {@code colourCorrection}, {@link VqfrColourCorrection} on the whole of x against the whole of gt;
 * (2) drop {@code cropBorder} pixels at each of the four edges of both images;
 * (3) convert to {@code space} on the [0, 255] scale.
 *
 * @param space            RGB (three planes) or Y (one plane)
 * @param cropBorder       pixels removed at each edge, {@code >= 0}
 * @param colourCorrection apply VQFR's per-channel mean/std matching to x before comparing
 */
public record FidelityProtocol(ChannelSpace space, int cropBorder, boolean colourCorrection)
        implements java.io.Serializable {
    /** RGB in [0, 255], no crop, no correction: what the {@code ssim} reward uses. */
    public static final FidelityProtocol RGB = new FidelityProtocol(ChannelSpace.RGB, 0, false);
    /** MATLAB Y channel, no crop, no correction. */
    public static final FidelityProtocol Y = new FidelityProtocol(ChannelSpace.Y, 0, false);
    /** VQFR's published setting: RGB, no crop, colour correction on (its flag defaults to true). */
    public static final FidelityProtocol VQFR = new FidelityProtocol(ChannelSpace.RGB, 0, true);

    public FidelityProtocol {
        Objects.requireNonNull(space, "space");
        if (cropBorder < 0) {
            throw new IllegalArgumentException("cropBorder must be >= 0, got " + cropBorder);
        }
    }

    public FidelityProtocol withCropBorder(int pixels) {
        return new FidelityProtocol(space, pixels, colourCorrection);
    }

    public FidelityProtocol withSpace(ChannelSpace newSpace) {
        return new FidelityProtocol(newSpace, cropBorder, colourCorrection);
    }

    public FidelityProtocol withColourCorrection(boolean on) {
        return new FidelityProtocol(space, cropBorder, on);
    }
}

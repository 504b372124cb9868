package org.lrpo.core.model;

import java.util.Arrays;

/**
 * Shape of the conditional denoiser {@code eps_theta(x_t, t, c)} of METHOD.md section 1: a small UNet over
 * {@code imageChannels x resolution x resolution} pixels plus a control branch that reads the LQ image.
 *
 * <p>Level {@code l} of the UNet works at {@code resolution / 2^l} pixels with {@code baseChannels *
 * channelMultipliers[l]} channels and {@code resBlocksPerLevel} residual blocks. Build it with
 * {@link #builder()}; {@link Builder#build()} checks every field and every cross-field rule and names the
 * field and the value it rejects.
 *
 * @param resolution height = width of the images, in pixels
 * @param imageChannels channels of x_t and of the LQ image c (3 for RGB pixel space)
 * @param baseChannels channels of the first level
 * @param channelMultipliers per-level width multipliers; their count is the number of levels
 * @param resBlocksPerLevel residual blocks per level in the encoder (the decoder has one more)
 * @param groupNormGroups GroupNorm groups; every width must be divisible by it
 * @param timeEmbeddingDim width of the timestep embedding MLP (even: half sines, half cosines)
 */
public record PolicyConfig(
        int resolution,
        int imageChannels,
        int baseChannels,
        int[] channelMultipliers,
        int resBlocksPerLevel,
        int groupNormGroups,
        int timeEmbeddingDim) {

    public PolicyConfig {
        channelMultipliers = channelMultipliers.clone();
    }

    /** A builder holding the default 64x64 policy (32 channels, multipliers [1, 2, 2], 1 block, 8 groups). */
    public static Builder builder() {
        return new Builder();
    }

    /** The default 64x64 RGB policy, sized to train on a CPU in minutes. */
    public static PolicyConfig defaults() {
        return builder().build();
    }

    @Override
    public int[] channelMultipliers() {
        return channelMultipliers.clone();
    }

    /** Number of resolution levels. */
    public int levels() {
        return channelMultipliers.length;
    }

    /** Channels of level {@code level}. */
    public int channelsAt(int level) {
        return baseChannels * channelMultipliers[level];
    }

    /** D of METHOD.md section 2: elements of one image, {@code imageChannels * resolution^2}. */
    public int elementsPerImage() {
        return imageChannels * resolution * resolution;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyConfig p
                && resolution == p.resolution
                && imageChannels == p.imageChannels
                && baseChannels == p.baseChannels
                && Arrays.equals(channelMultipliers, p.channelMultipliers)
                && resBlocksPerLevel == p.resBlocksPerLevel
                && groupNormGroups == p.groupNormGroups
                && timeEmbeddingDim == p.timeEmbeddingDim;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(channelMultipliers)
                + java.util.Objects.hash(resolution, imageChannels, baseChannels, resBlocksPerLevel,
                        groupNormGroups, timeEmbeddingDim);
    }

    @Override
    public String toString() {
        return "PolicyConfig[resolution=" + resolution + ", imageChannels=" + imageChannels
                + ", baseChannels=" + baseChannels + ", channelMultipliers=" + Arrays.toString(channelMultipliers)
                + ", resBlocksPerLevel=" + resBlocksPerLevel + ", groupNormGroups=" + groupNormGroups
                + ", timeEmbeddingDim=" + timeEmbeddingDim + "]";
    }

    /** Collects the fields; {@link #build()} validates them. */
    public static final class Builder {
        private int resolution = 64;
        private int imageChannels = 3;
        private int baseChannels = 32;
        private int[] channelMultipliers = {1, 2, 2};
        private int resBlocksPerLevel = 1;
        private int groupNormGroups = 8;
        private int timeEmbeddingDim = 128;

        private Builder() {}

        public Builder resolution(int v) { resolution = v; return this; }
        public Builder imageChannels(int v) { imageChannels = v; return this; }
        public Builder baseChannels(int v) { baseChannels = v; return this; }
        public Builder channelMultipliers(int... v) { channelMultipliers = v.clone(); return this; }
        public Builder resBlocksPerLevel(int v) { resBlocksPerLevel = v; return this; }
        public Builder groupNormGroups(int v) { groupNormGroups = v; return this; }
        public Builder timeEmbeddingDim(int v) { timeEmbeddingDim = v; return this; }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the field and value. */
        public PolicyConfig build() {
            positive("resolution", resolution);
            positive("imageChannels", imageChannels);
            positive("baseChannels", baseChannels);
            positive("resBlocksPerLevel", resBlocksPerLevel);
            positive("groupNormGroups", groupNormGroups);
            positive("timeEmbeddingDim", timeEmbeddingDim);
            if (timeEmbeddingDim % 2 != 0) {
                throw new IllegalArgumentException(
                        "timeEmbeddingDim must be even (half sines, half cosines), got " + timeEmbeddingDim);
            }
            if (channelMultipliers.length == 0) {
                throw new IllegalArgumentException("channelMultipliers must name at least one level, got []");
            }
            for (int l = 0; l < channelMultipliers.length; l++) {
                if (channelMultipliers[l] <= 0) {
                    throw new IllegalArgumentException("channelMultipliers[" + l + "] must be positive, got "
                            + channelMultipliers[l] + " in " + Arrays.toString(channelMultipliers));
                }
                long width = (long) baseChannels * channelMultipliers[l];
                if (width % groupNormGroups != 0) {
                    throw new IllegalArgumentException("baseChannels * channelMultipliers[" + l + "] = " + width
                            + " is not divisible by groupNormGroups = " + groupNormGroups);
                }
            }
            int factor = 1 << (channelMultipliers.length - 1);
            if (resolution % factor != 0) {
                throw new IllegalArgumentException("resolution = " + resolution + " must be divisible by 2^(levels-1) = "
                        + factor + " for " + channelMultipliers.length + " levels");
            }
            return new PolicyConfig(resolution, imageChannels, baseChannels, channelMultipliers, resBlocksPerLevel,
                    groupNormGroups, timeEmbeddingDim);
        }

        private static void positive(String field, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(field + " must be positive, got " + value);
            }
        }
    }
}

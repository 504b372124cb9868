package org.lrpo.core.config;

import java.util.List;

/**
 * Shape of the conditional denoiser (METHOD section 1).
 *
 * @param resolution image side in pixels (square), e.g. 64
 * @param baseChannels channels of the first UNet level
 * @param channelMultipliers channels of level i = baseChannels * channelMultipliers[i]
 * @param resBlocksPerLevel residual blocks per level
 * @param groupNormGroups GroupNorm groups; must divide every level's channels
 * @param timeEmbeddingDim width of the timestep embedding
 * @param trainBase train the base UNet too (true) or only the control branch (false, as the paper)
 */
public record ModelSettings(int resolution, int baseChannels, List<Integer> channelMultipliers,
                            int resBlocksPerLevel, int groupNormGroups, int timeEmbeddingDim,
                            boolean trainBase) {

    static ModelSettings read(SettingsReader r) {
        ModelSettings m = new ModelSettings(
                r.intIn("lrpo.model.resolution", 8, 4096),
                r.intIn("lrpo.model.base-channels", 4, 1024),
                r.intList("lrpo.model.channel-multipliers", 1, 1, 16),
                r.intIn("lrpo.model.res-blocks-per-level", 1, 8),
                r.intIn("lrpo.model.group-norm-groups", 1, 64),
                r.intIn("lrpo.model.time-embedding-dim", 4, 4096),
                r.bool("lrpo.model.train-base"));
        int downsamplings = Math.max(0, m.channelMultipliers.size() - 1);
        r.require(m.resolution % (1 << downsamplings) == 0,
                "lrpo.model.resolution = " + m.resolution + " must be divisible by 2^" + downsamplings
                        + " (one halving per extra entry of lrpo.model.channel-multipliers = "
                        + m.channelMultipliers + ")");
        for (int mult : m.channelMultipliers) {
            r.require(m.groupNormGroups > 0 && (m.baseChannels * mult) % m.groupNormGroups == 0,
                    "lrpo.model.group-norm-groups = " + m.groupNormGroups + " must divide every level's channels, but "
                            + "lrpo.model.base-channels * multiplier = " + m.baseChannels + " * " + mult
                            + " = " + (m.baseChannels * mult) + " is not divisible by it");
        }
        return m;
    }
}

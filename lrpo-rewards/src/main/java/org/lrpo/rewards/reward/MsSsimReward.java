package org.lrpo.rewards.reward;

import java.util.List;
import java.util.Set;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.RewardComponent;
import org.lrpo.core.reward.ScoreRange;
import org.lrpo.rewards.metrics.FidelityProtocol;
import org.lrpo.rewards.metrics.MsSsim;

/**
 * The {@code ms_ssim} component: {@link MsSsim} on RGB in [0, 255], already in [0, 1] (its terms are clamped
 * at 0 before the fractional powers). Small images use fewer scales (3 at 64x64), see {@link MsSsim}.
 */
public final class MsSsimReward implements RewardComponent {
    public static final String NAME = "ms_ssim";

    /** The registry's factory; {@code ms_ssim} takes no options. */
    public static MsSsimReward fromOptions(ComponentOptions options) {
        options.requireOnly(Set.of());
        return new MsSsimReward();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScoreRange range() {
        return ScoreRange.UNIT;
    }

    @Override
    public double[] score(List<RgbImage> restored, List<RgbImage> groundTruth) {
        int n = ImagePairs.requireValid(restored, groundTruth);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = MsSsim.compute(restored.get(i), groundTruth.get(i), FidelityProtocol.RGB);
        }
        return out;
    }
}

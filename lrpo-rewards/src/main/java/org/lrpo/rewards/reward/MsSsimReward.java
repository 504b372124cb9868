package org.lrpo.rewards.reward;

import java.util.Set;
import org.lrpo.core.image.RgbImage;
import org.lrpo.rewards.metrics.FidelityProtocol;
import org.lrpo.rewards.metrics.MsSsim;

/**
 * The {@code ms_ssim} component: {@link MsSsim} on RGB in [0, 255], already in [0, 1] (its terms are clamped
 * at 0 before the fractional powers). Small images use fewer scales (3 at 64x64), see {@link MsSsim}.
 */
public final class MsSsimReward extends PairwiseComponent {
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
    protected double scorePair(RgbImage x, RgbImage gt, int index) {
        return MsSsim.compute(x, gt, FidelityProtocol.RGB);
    }
}

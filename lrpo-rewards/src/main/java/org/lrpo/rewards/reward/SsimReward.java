package org.lrpo.rewards.reward;

import java.util.Set;
import org.lrpo.core.image.RgbImage;
import org.lrpo.rewards.metrics.FidelityProtocol;
import org.lrpo.rewards.metrics.Ssim;

/**
 * The {@code ssim} component of METHOD.md §4: {@code max(0, SSIM(x, gt))}, with SSIM as {@link Ssim} on RGB in
 * [0, 255] ({@link FidelityProtocol#RGB}: mean of the three channels' mean SSIM, Gaussian window, valid region).
 *
 * <p><b>Why clip at 0 rather than declare [-1, 1].</b> SSIM is negative only when x's structure is
 * anti-correlated with gt's (an inverted image); such a candidate is no more use than an unrelated one, and
 * clipping keeps every component of the composite on the same [0, 1] scale the weights assume (METHOD.md §4)
 * and matches {@link org.lrpo.rewards.metrics.MsSsim}, which clamps its terms at 0 for the same reason. For
 * any restoration that correlates with gt at all (every candidate of a trained or pre-trained policy), the
 * clip is inactive and the component is SSIM itself.
 */
public final class SsimReward extends PairwiseComponent {
    public static final String NAME = "ssim";

    /** The registry's factory; {@code ssim} takes no options. */
    public static SsimReward fromOptions(ComponentOptions options) {
        options.requireOnly(Set.of());
        return new SsimReward();
    }

    /** {@code max(0, ssim)}. */
    public static double reward(double ssim) {
        return Math.max(0.0, ssim);
    }

    @Override
    public String name() {
        return NAME;
    }


    @Override
    protected double scorePair(RgbImage x, RgbImage gt, int index) {
        return reward(Ssim.compute(x, gt, FidelityProtocol.RGB));
    }
}

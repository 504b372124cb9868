package org.lrpo.rewards.reward;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.RewardComponent;
import org.lrpo.core.reward.ScoreRange;
import org.lrpo.rewards.metrics.DwtLowpassReward;

/**
 * The {@code dwt_lowpass} component of METHOD.md §4: {@link DwtLowpassReward},
 * {@code exp(-15 mean|Yl(x) - Yl(gt)|)}, already in (0, 1].
 *
 * <p>gt's lowpass bands are computed once per distinct ground-truth object in a batch
 * ({@link DwtLowpassReward#target}): a rollout group puts the same gt beside its G candidates, so a batch of
 * groups costs G + 1 transforms per face instead of 2G. The cache is keyed by object identity and lives for one
 * {@link #score} call only, so a caller that mutates an image between calls cannot get a stale band.
 */
public final class DwtLowpassComponent implements RewardComponent {
    public static final String NAME = "dwt_lowpass";

    /** The registry's factory; {@code dwt_lowpass} takes no options (J = 3 and the scale 15 are METHOD.md's). */
    public static DwtLowpassComponent fromOptions(ComponentOptions options) {
        options.requireOnly(Set.of());
        return new DwtLowpassComponent();
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
        Map<RgbImage, DwtLowpassReward.Target> targets = new IdentityHashMap<>();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            DwtLowpassReward.Target t = targets.computeIfAbsent(groundTruth.get(i), DwtLowpassReward::target);
            out[i] = t.reward(restored.get(i));
        }
        return out;
    }
}

package org.lrpo.rewards.reward;

import java.util.List;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.RewardComponent;
import org.lrpo.core.reward.ScoreRange;

/**
 * A component that scores each (restored, ground truth) pair on its own, in [0, 1]: the batch is
 * checked once ({@link ImagePairs}), then {@link #scorePair} runs per image.
 */
abstract class PairwiseComponent implements RewardComponent {

    /** The score of pair {@code index}. */
    protected abstract double scorePair(RgbImage restored, RgbImage groundTruth, int index);

    @Override
    public ScoreRange range() {
        return ScoreRange.UNIT;
    }

    @Override
    public final double[] score(List<RgbImage> restored, List<RgbImage> groundTruth) {
        int n = ImagePairs.requireValid(restored, groundTruth);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = scorePair(restored.get(i), groundTruth.get(i), i);
        }
        return out;
    }
}

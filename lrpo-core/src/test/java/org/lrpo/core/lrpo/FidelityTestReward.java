package org.lrpo.core.lrpo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.reward.RewardScores;

/**
 * A plain fidelity reward for tests that need a cheap one (core tests cannot see lrpo-rewards): 1 - MSE,
 * with the same call shape as the composite.
 */
public final class FidelityTestReward implements Reward {
    @Override
    public List<RewardScores> score(List<RgbImage> restored, List<RgbImage> groundTruth) {
        List<RewardScores> out = new ArrayList<>();
        for (int i = 0; i < restored.size(); i++) {
            float[] x = restored.get(i).chw();
            float[] g = groundTruth.get(i).chw();
            double se = 0;
            for (int j = 0; j < x.length; j++) {
                se += (x[j] - g[j]) * (x[j] - g[j]);
            }
            double r = 1 - se / x.length;
            out.add(new RewardScores(r, Map.of("mse", r)));
        }
        return out;
    }

    @Override
    public List<String> componentNames() {
        return List.of("mse");
    }
}

package org.lrpo.jobs.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.reward.RewardScores;
import org.lrpo.rewards.metrics.FidelityProtocol;
import org.lrpo.rewards.metrics.Psnr;
import org.lrpo.rewards.metrics.Ssim;

/**
 * Mean held-out scores of one set of restorations: the composite reward, each component, and PSNR /
 * SSIM on RGB in [0, 255] (METHOD 10; no colour correction).
 */
public record Evaluation(String name, double reward, Map<String, Double> components, double psnr, double ssim) {

    public Evaluation {
        // Insertion order is the component order of the tables.
        components = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(components));
    }

    public static Evaluation of(String name, List<RgbImage> restored, List<RgbImage> truth, Reward reward) {
        List<RewardScores> scores = reward.score(restored, truth);
        int n = restored.size();
        double total = 0;
        double psnr = 0;
        double ssim = 0;
        Map<String, Double> components = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            total += scores.get(i).total() / n;
            scores.get(i).components().forEach((k, v) -> components.merge(k, v / n, Double::sum));
            psnr += Psnr.compute(restored.get(i), truth.get(i), FidelityProtocol.RGB) / n;
            ssim += Ssim.compute(restored.get(i), truth.get(i), FidelityProtocol.RGB) / n;
        }
        return new Evaluation(name, total, components, psnr, ssim);
    }
}

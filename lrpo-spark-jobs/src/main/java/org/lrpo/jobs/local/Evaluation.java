package org.lrpo.jobs.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.reward.RewardScores;
import org.lrpo.rewards.metrics.FidelityProtocol;
import org.lrpo.rewards.metrics.FlatRegionNoise;
import org.lrpo.rewards.metrics.Psnr;
import org.lrpo.rewards.metrics.Ssim;

/**
 * Mean held-out scores of one set of restorations: the composite reward, each component, PSNR / SSIM on
 * RGB in [0, 255] (METHOD 10; no colour correction), the speckle level ({@link FlatRegionNoise}: noise on
 * the ground truth's flat regions, 8-bit levels), and the same scores per degradation-strength bin.
 *
 * @param images how many images the means are over
 * @param byStrength the scores of the images of each degradation-strength bin (empty when not binned)
 */
public record Evaluation(String name, int images, double reward, Map<String, Double> components, double psnr,
                         double ssim, double speckle, Map<String, Evaluation> byStrength) {

    public Evaluation {
        // Insertion order is the component order of the tables.
        components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
        byStrength = java.util.Collections.unmodifiableMap(new TreeMap<>(byStrength));
    }

    /** The means over {@code restored[i]} against {@code truth[i]}. */
    public static Evaluation of(String name, List<RgbImage> restored, List<RgbImage> truth, Reward reward) {
        return of(name, restored, truth, reward.score(restored, truth), Map.of());
    }

    /** As {@link #of(String, List, List, Reward)}, plus the means per bin: image i is in bin {@code bins[i]}. */
    public static Evaluation of(String name, List<RgbImage> restored, List<RgbImage> truth, List<String> bins,
                                Reward reward) {
        List<RewardScores> scores = reward.score(restored, truth);
        Map<String, List<Integer>> members = new TreeMap<>();
        for (int i = 0; i < bins.size(); i++) {
            members.computeIfAbsent(bins.get(i), k -> new ArrayList<>()).add(i);
        }
        Map<String, Evaluation> byStrength = new LinkedHashMap<>();
        members.forEach((bin, idx) -> byStrength.put(bin, of(name + " [" + bin + "]",
                idx.stream().map(restored::get).toList(), idx.stream().map(truth::get).toList(),
                idx.stream().map(scores::get).toList(), Map.of())));
        return of(name, restored, truth, scores, byStrength);
    }

    private static Evaluation of(String name, List<RgbImage> restored, List<RgbImage> truth, List<RewardScores> scores,
                                 Map<String, Evaluation> byStrength) {
        int n = restored.size();
        double total = 0;
        double psnr = 0;
        double ssim = 0;
        double speckle = 0;
        Map<String, Double> components = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            total += scores.get(i).total() / n;
            scores.get(i).components().forEach((k, v) -> components.merge(k, v / n, Double::sum));
            psnr += Psnr.compute(restored.get(i), truth.get(i), FidelityProtocol.RGB) / n;
            ssim += Ssim.compute(restored.get(i), truth.get(i), FidelityProtocol.RGB) / n;
            speckle += FlatRegionNoise.compute(restored.get(i), truth.get(i)) / n;
        }
        return new Evaluation(name, n, total, components, psnr, ssim, speckle, byStrength);
    }
}

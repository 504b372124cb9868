package org.lrpo.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.RewardScores;
import org.lrpo.rewards.faces.DemoFaceCrops;

/**
 * The default composite of METHOD.md §4 (0.3 identity, 0.3 ssim, 0.1 niqe, 0.3 dwt_lowpass), built from
 * reference.conf with no model file (NIQE fitted on generated faces), scoring generated 64 px faces end to end.
 */
class DefaultCompositeTest {

    @Test
    void defaultCompositeScoresGeneratedFacesDeterministicallyAndPrefersSharp() {
        String modelsDir = DemoFaceCrops.get().models().root().toString();
        RewardSettings settings = RewardSettings.read(ConfigLoader.load(Optional.empty(),
                List.of("reward.components.identity.models-dir=\"" + modelsDir + "\"")));
        // Held-out faces: another seed than the pristine NIQE model's.
        List<RgbImage> gt = FaceGenerator.faceList(424242L, 4, 64);
        List<RgbImage> sharp = new ArrayList<>();
        List<RgbImage> blurred = new ArrayList<>();
        List<RgbImage> gts = new ArrayList<>();
        for (RgbImage g : gt) {
            // The ideal restoration (x = gt, a copy) against a radius-2 box blur of it.
            sharp.add(RgbImage.wrap(64, 64, g.chw().clone()));
            blurred.add(TestFaces.boxBlur(g, 2));
            gts.add(g);
        }
        List<RgbImage> x = new ArrayList<>(sharp);
        x.addAll(blurred);
        List<RgbImage> g2 = new ArrayList<>(gts);
        g2.addAll(gts);
        try (CompositeReward reward = RewardRegistry.builtIns().build().build(settings)) {
            assertEquals(List.of("identity", "ssim", "niqe", "dwt_lowpass"), reward.componentNames());
            assertEquals(Map.of("identity", 0.3, "ssim", 0.3, "niqe", 0.1, "dwt_lowpass", 0.3), reward.weights());
            List<RewardScores> first = reward.score(x, g2);
            List<RewardScores> again = reward.score(x, g2);
            try (CompositeReward rebuilt = RewardRegistry.builtIns().build().build(settings)) {
                List<RewardScores> other = rebuilt.score(x, g2);
                for (int i = 0; i < x.size(); i++) {
                    assertEquals(first.get(i), again.get(i), "same inputs, same outputs: pair " + i);
                    assertEquals(first.get(i), other.get(i), "a second composite from the same settings: pair " + i);
                }
            }
            int n = gt.size();
            for (int i = 0; i < n; i++) {
                RewardScores s = first.get(i);
                RewardScores b = first.get(n + i);
                Map<String, Double> c = s.components();
                assertEquals(0.3 * c.get("identity") + 0.3 * c.get("ssim") + 0.1 * c.get("niqe")
                        + 0.3 * c.get("dwt_lowpass"), s.total(), 1e-12, "total = sum w_c score_c");
                assertEquals(1.0, c.get("ssim"), 1e-12, "x = gt: ssim 1");
                assertTrue(s.total() > b.total(), "face " + i + ": sharp " + s + " must beat blurred " + b);
                assertTrue(c.get("niqe") > b.components().get("niqe"), "face " + i + ": niqe prefers sharp " + s + " / " + b);
                assertTrue(c.get("ssim") > b.components().get("ssim"), "face " + i);
                assertTrue(b.total() > 0 && b.total() < 1, "face " + i + ": " + b);
                System.out.printf("face %d: sharp %s%n        blurred %s%n", i, s, b);
            }
        }
    }
}

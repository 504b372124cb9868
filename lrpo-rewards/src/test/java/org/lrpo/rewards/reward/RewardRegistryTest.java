package org.lrpo.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.RewardScores;
import org.lrpo.core.reward.ScoreRange;
import org.lrpo.rewards.faces.DemoFaceCrops;
import org.lrpo.rewards.faces.FaceDescriptorNet;
import org.lrpo.rewards.faces.IdentityMetric;
import org.lrpo.rewards.model.ModelScoreComponent;
import org.lrpo.rewards.model.ModelScorerSpec;
import org.lrpo.rewards.model.ScoringModelFixture;
import org.lrpo.rewards.reward.TestComponents.MeanAbsDiff;

/** Building the composite from settings: identity + a TorchScript model + a test-only component, and the errors. */
class RewardRegistryTest {

    private static Map<String, Double> weights(Object... nameWeight) {
        Map<String, Double> w = new LinkedHashMap<>();
        for (int i = 0; i < nameWeight.length; i += 2) {
            w.put((String) nameWeight[i], ((Number) nameWeight[i + 1]).doubleValue());
        }
        return w;
    }

    @Test
    void buildsIdentityModelAndATestComponentFromSettings() {
        ScoringModelFixture models = ScoringModelFixture.get();
        DemoFaceCrops faces = DemoFaceCrops.get();
        // Real faces at the fixture's size: gt = face i, x = face i shifted (same person) or face i+1 (other).
        List<RgbImage> gts = new ArrayList<>();
        List<RgbImage> xs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            gts.add(faces.crop(i, 1.2, 0, 0, ScoringModelFixture.SIZE));
            xs.add(i % 2 == 0 ? faces.crop(i, 1.25, 3, 2, ScoringModelFixture.SIZE)
                    : faces.crop(i + 1, 1.2, 0, 0, ScoringModelFixture.SIZE));
        }
        MeanAbsDiff l1 = new MeanAbsDiff();
        RewardRegistry registry = RewardRegistry.builtIns().register("l1", o -> l1).build();
        assertEquals(List.of("dwt_lowpass", "identity", "l1", "model", "ms_ssim", "niqe", "psnr", "ssim"),
                registry.knownComponents());
        Map<String, Map<String, ?>> options = new LinkedHashMap<>();
        options.put("identity", Map.of("c0", 0.8, "models-dir", faces.models().root().toString()));
        options.put("model", Map.of("path", models.dir.resolve("two_input.pt").toString(), "inputs", "x,gt",
                "output-index", 1, "scale", -1, "offset", 1, "pixel-range", "-1,1"));
        RewardSettings settings = new RewardSettings(weights("identity", 0.5, "model", 0.3, "l1", 0.2), options);
        ModelScorerSpec direct = new ModelScorerSpec(models.dir.resolve("two_input.pt"),
                ModelScorerSpec.ModelEngine.PYTORCH, 0, 0, ModelScorerSpec.PixelRange.SIGNED, new double[3],
                new double[] {1, 1, 1}, ModelScorerSpec.ModelInputs.RESTORED_AND_GT, 1, -1, 1, ScoreRange.UNIT, false);
        try (CompositeReward reward = registry.build(settings);
                FaceDescriptorNet net = FaceDescriptorNet.load(faces.models());
                ModelScoreComponent model = ModelScoreComponent.load(direct)) {
            assertEquals(List.of("identity", "model", "l1"), reward.componentNames());
            List<RewardScores> s = reward.score(xs, gts);
            // Each part computed on its own: the metric's cosine, and the model loaded from a spec written out
            // by hand (so the options reached it); its numbers against torch are ModelScoreComponentTest's.
            List<IdentityMetric.Score> cos = new IdentityMetric(net).score(xs, gts);
            double[] l1Alone = new MeanAbsDiff().compute(xs, gts);
            double[] modelAlone = model.score(xs, gts);
            for (int i = 0; i < xs.size(); i++) {
                Map<String, Double> parts = s.get(i).components();
                assertEquals(IdentityReward.reward(cos.get(i).cosine(), 0.8), parts.get("identity"), 1e-9, "identity " + i);
                assertEquals(l1Alone[i], parts.get("l1"), 1e-12, "l1 " + i);
                assertEquals(modelAlone[i], parts.get("model"), 1e-12, "model " + i);
                assertEquals(0.5 * parts.get("identity") + 0.3 * parts.get("model") + 0.2 * parts.get("l1"),
                        s.get(i).total(), 1e-12, "total " + i);
            }
            assertTrue(s.get(0).components().get("identity") > s.get(1).components().get("identity"),
                    "same person above a different person");
            // A face's reward does not depend on the batch it is scored in (no mixing across images).
            for (int i = 0; i < xs.size(); i++) {
                RewardScores alone = reward.score(List.of(xs.get(i)), List.of(gts.get(i))).get(0);
                assertEquals(s.get(i).total(), alone.total(), 1e-6, "total of pair " + i + " alone vs in the batch");
                for (String c : reward.componentNames()) {
                    assertEquals(s.get(i).components().get(c), alone.components().get(c), 1e-6, c + " of pair " + i);
                }
            }
        }
        assertEquals(1, l1.closed, "closing the composite closes the components it built");
    }

    @Test
    void theMethodDefaultNeedsItsComponentsRegistered() {
        RewardSettings d = RewardSettings.methodDefault();
        assertEquals(List.of("identity", "ssim", "niqe", "dwt_lowpass"), List.copyOf(d.weights().keySet()));
        assertEquals(List.of(0.3, 0.3, 0.1, 0.3), List.copyOf(d.weights().values()));
        // builtIns() has them all (DefaultCompositeTest builds it); a registry without them names the first missing.
        RewardRegistry bare = RewardRegistry.builder().register("identity", IdentityReward::fromOptions).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bare.build(d));
        assertTrue(e.getMessage().contains("unknown reward component 'ssim'")
                && e.getMessage().contains("[identity]"), e.getMessage());
    }

    @Test
    void settingsErrorsAreNamedBeforeAnythingIsLoaded() {
        List<String> made = new ArrayList<>();
        RewardRegistry registry = RewardRegistry.builder()
                .register("l1", o -> {
                    made.add("l1");
                    return new MeanAbsDiff();
                })
                .register("brightness", o -> {
                    made.add("brightness");
                    return new TestComponents.Brightness();
                })
                .build();
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> registry.build(new RewardSettings(weights("l1", 0.5, "lpips", 0.5), null)));
        assertTrue(unknown.getMessage().contains("'lpips'") && unknown.getMessage().contains("[brightness, l1]"),
                unknown.getMessage());
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> registry.build(new RewardSettings(weights("l1", 0.5, "brightness", 0.6), null)));
        assertTrue(sum.getMessage().contains("l1=0.5") && sum.getMessage().contains("brightness=0.6")
                && sum.getMessage().contains("sum 1.1"), sum.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> registry.build(
                new RewardSettings(weights("l1", 1.0), Map.of("brightnes", Map.of("x", 1)))));
        assertTrue(typo.getMessage().contains("'brightnes'") && typo.getMessage().contains("[brightness, l1]"),
                typo.getMessage());
        assertTrue(made.isEmpty(), "nothing may be built when the settings are wrong: " + made);
        // Options of a known component left out of the weights are defaults, not an error; it is not built.
        try (CompositeReward r = registry.build(new RewardSettings(weights("l1", 1.0),
                Map.of("brightness", Map.of("x", 1))))) {
            assertEquals(List.of("l1"), r.componentNames());
            assertEquals(List.of("l1"), made);
        }
    }

    @Test
    void aFailingFactoryClosesTheComponentsAlreadyMade() {
        MeanAbsDiff first = new MeanAbsDiff();
        RewardRegistry registry = RewardRegistry.builder()
                .register("l1", o -> first)
                .register("model", ignored -> {
                    throw new IllegalArgumentException("model file /nope.pt does not exist");
                })
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.build(new RewardSettings(weights("l1", 0.5, "model", 0.5), null)));
        assertTrue(e.getMessage().contains("/nope.pt"), e.getMessage());
        assertEquals(1, first.closed);
        // A factory whose component has another name is a wiring bug.
        RewardRegistry misnamed = RewardRegistry.builder().register("ssim", o -> new MeanAbsDiff()).build();
        IllegalStateException name = assertThrows(IllegalStateException.class,
                () -> misnamed.build(new RewardSettings(weights("ssim", 1.0), null)));
        assertTrue(name.getMessage().contains("'ssim'") && name.getMessage().contains("'l1'"), name.getMessage());
    }

    @Test
    void registrationRules() {
        RewardRegistry.Builder b = RewardRegistry.builtIns();
        assertThrows(IllegalArgumentException.class, () -> b.register("identity", o -> new MeanAbsDiff()));
        assertThrows(IllegalArgumentException.class, () -> b.register("Dwt-Lowpass", o -> new MeanAbsDiff()));
        assertThrows(IllegalArgumentException.class, () -> b.register("dwt_lowpass", o -> new MeanAbsDiff()));
        b.register("lpips", o -> new MeanAbsDiff());
        assertEquals(List.of("identity", "ssim", "niqe", "dwt_lowpass", "ms_ssim", "psnr", "model", "lpips"),
                b.build().registrationOrder());
    }
}

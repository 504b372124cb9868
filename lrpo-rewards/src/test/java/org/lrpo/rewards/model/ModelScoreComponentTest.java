package org.lrpo.rewards.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.reward.ScoreRange;
import org.lrpo.rewards.model.ScoringModelFixture.Case;
import org.lrpo.rewards.reward.ComponentOptions;

/**
 * The {@code model} component against PyTorch itself: {@code src/test/python/make_scoring_models.py}
 * (Debian's python3-torch) builds tiny networks, saves them as TorchScript and ONNX, and scores the same
 * pixels with its own torch preprocessing; the Java scores must match within {@value #TOLERANCE}.
 */
class ModelScoreComponentTest {
    static final double TOLERANCE = 1e-5;
    static final long SEED = ScoringModelFixture.SEED;
    static final int N = ScoringModelFixture.N;

    static ScoringModelFixture fixture;
    static Map<String, Case> CASES;
    static Path dir;
    static List<RgbImage> xs;
    static List<RgbImage> gts;

    @BeforeAll
    static void makeModelsAndReference() {
        fixture = ScoringModelFixture.get();
        CASES = fixture.cases;
        dir = fixture.dir;
        xs = fixture.xs;
        gts = fixture.gts;
        System.out.println("model reference: torch " + fixture.reference.path("torch").asText() + ", ONNX export "
                + (fixture.onnxExported() ? "ok" : "unavailable: " + fixture.onnxError()));
    }

    static ModelScorerSpec spec(Path file, ModelScorerSpec.ModelEngine engine, Case c, ModelScorerSpec.ModelInputs in,
            int outputIndex, double scale, double offset) {
        return new ModelScorerSpec(file, engine, c.size()[0], c.size()[1], c.pixels(), c.mean(), c.std(), in,
                outputIndex, scale, offset, ScoreRange.UNIT, false);
    }

    static double[] ref(String caseName, String model) {
        return fixture.referenceScores(caseName, model);
    }

    /** Scores every case with both networks; returns the worst deviation from torch. */
    private double checkEngine(ModelScorerSpec.ModelEngine engine, String ext) {
        double worst = 0;
        for (Map.Entry<String, Case> e : CASES.entrySet()) {
            try (ModelScoreComponent one = ModelScoreComponent.load(spec(dir.resolve("one_input." + ext), engine,
                    e.getValue(), ModelScorerSpec.ModelInputs.RESTORED, 0, 1, 0));
                    ModelScoreComponent two = ModelScoreComponent.load("lpips_like", spec(dir.resolve("two_input." + ext),
                            engine, e.getValue(), ModelScorerSpec.ModelInputs.RESTORED_AND_GT, 1, -1, 1))) {
                double[] expectedOne = ref(e.getKey(), "one_input");
                double[] expectedTwo = ref(e.getKey(), "two_input");
                double[] gotOne = one.score(xs, gts);
                double[] gotTwo = two.score(xs, gts);
                for (int i = 0; i < N; i++) {
                    String where = engine + " " + e.getKey() + " image " + i;
                    assertEquals(expectedOne[i], gotOne[i], TOLERANCE, "one-input " + where);
                    assertEquals(1 - expectedTwo[i], gotTwo[i], TOLERANCE, "two-input reward 1 - distance, " + where);
                    worst = Math.max(worst, Math.max(Math.abs(expectedOne[i] - gotOne[i]),
                            Math.abs(1 - expectedTwo[i] - gotTwo[i])));
                }
                // The distance grows with the noise index, so the reward 1 - distance must fall: not a constant.
                assertTrue(gotTwo[0] > gotTwo[N - 1], "reward of the least noisy pair above the noisiest");
                assertEquals("lpips_like", two.name());
            }
        }
        return worst;
    }

    @Test
    void torchScriptScoresMatchTorch() {
        double worst = checkEngine(ModelScorerSpec.ModelEngine.PYTORCH, "pt");
        System.out.printf("model (TorchScript): %d cases x 2 networks x %d images, max |Java - torch| = %.2e%n",
                CASES.size(), N, worst);
    }

    @Test
    void onnxScoresMatchTorch() {
        Assumptions.assumeTrue(fixture.onnxExported(),
                "torch.onnx.export unavailable: " + fixture.onnxError());
        double worst = checkEngine(ModelScorerSpec.ModelEngine.ONNX, "onnx");
        System.out.printf("model (ONNX Runtime): %d cases x 2 networks x %d images, max |Java - torch| = %.2e%n",
                CASES.size(), N, worst);
    }

    @Test
    void aPairWithItselfHasZeroDistance() {
        Case c = CASES.get("downsample_imagenet");
        try (ModelScoreComponent two = ModelScoreComponent.load(spec(dir.resolve("two_input.pt"),
                ModelScorerSpec.ModelEngine.PYTORCH, c, ModelScorerSpec.ModelInputs.RESTORED_AND_GT, 1, -1, 1))) {
            double[] s = two.score(gts, gts);
            for (double v : s) {
                assertEquals(1.0, v, 1e-7);
            }
        }
    }

    @Test
    void missingModelFileIsNamed() {
        Path missing = dir.resolve("no_such_model.pt");
        ModelScorerException e = assertThrows(ModelScorerException.class, () -> ModelScoreComponent.load(
                spec(missing, ModelScorerSpec.ModelEngine.PYTORCH, CASES.get("native_signed"),
                        ModelScorerSpec.ModelInputs.RESTORED, 0, 1, 0)));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void corruptModelFilesAreNamed() throws IOException {
        SplittableRandom rnd = Seeds.stream(SEED, "model-test.corrupt", 0);
        byte[] junk = new byte[4096];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) rnd.nextInt(256);
        }
        for (String ext : List.of("pt", "onnx")) {
            Path file = dir.resolve("corrupt." + ext);
            Files.write(file, junk);
            ModelScorerSpec.ModelEngine engine = ModelScorerSpec.ModelEngine.fromExtension(file);
            ModelScorerException e = assertThrows(ModelScorerException.class, () -> ModelScoreComponent.load(
                    spec(file, engine, CASES.get("native_signed"), ModelScorerSpec.ModelInputs.RESTORED, 0, 1, 0)));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("cannot load"),
                    e.getMessage());
            System.out.println("corrupt ." + ext + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    @Test
    void outputsThatAreNotOneScorePerImageAreNamed() {
        Case c = CASES.get("native_signed");
        for (String model : List.of("batch_mean", "wide_output")) {
            Path file = dir.resolve(model + ".pt");
            try (ModelScoreComponent m = ModelScoreComponent.load(spec(file, ModelScorerSpec.ModelEngine.PYTORCH, c,
                    ModelScorerSpec.ModelInputs.RESTORED, 0, 1, 0))) {
                ModelScorerException e = assertThrows(ModelScorerException.class, () -> m.score(xs, gts));
                String expectedShape = model.equals("batch_mean") ? "(1)" : "(9, 2)";
                assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(expectedShape)
                        && e.getMessage().contains("one score per image"), e.getMessage());
            }
        }
        Path two = dir.resolve("two_input.pt");
        try (ModelScoreComponent m = ModelScoreComponent.load(spec(two, ModelScorerSpec.ModelEngine.PYTORCH, c,
                ModelScorerSpec.ModelInputs.RESTORED_AND_GT, 2, 1, 0))) {
            ModelScorerException e = assertThrows(ModelScorerException.class, () -> m.score(xs, gts));
            assertTrue(e.getMessage().contains("2 output(s)") && e.getMessage().contains("output-index is 2"),
                    e.getMessage());
        }
        try (ModelScoreComponent m = ModelScoreComponent.load(spec(two, ModelScorerSpec.ModelEngine.PYTORCH, c,
                ModelScorerSpec.ModelInputs.RESTORED_AND_GT, 0, 1, 0))) {
            ModelScorerException e = assertThrows(ModelScorerException.class, () -> m.score(xs, gts));
            assertTrue(e.getMessage().contains("(9, 5)"), e.getMessage());
        }
    }

    @Test
    void badImagesAreNamed() {
        try (ModelScoreComponent m = ModelScoreComponent.load(spec(dir.resolve("one_input.pt"),
                ModelScorerSpec.ModelEngine.PYTORCH, CASES.get("native_signed"), ModelScorerSpec.ModelInputs.RESTORED,
                0, 1, 0))) {
            List<RgbImage> mixed = new ArrayList<>(xs.subList(0, 2));
            mixed.set(1, RgbImage.zeros(32, 32));
            List<RgbImage> mixedGt = new ArrayList<>(mixed);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.score(mixed, mixedGt));
            assertTrue(e.getMessage().contains("input-size") && e.getMessage().contains("32x32"), e.getMessage());
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                    () -> m.score(List.of(xs.get(0)), List.of(RgbImage.zeros(32, 64))));
            assertTrue(size.getMessage().contains("groundTruth[0] is 32x64"), size.getMessage());
        }
    }

    @Test
    void optionsBuildTheSpec() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("path", "/models/lpips.onnx");
        o.put("input-size", List.of(224, 192));
        o.put("pixel-range", "-1,1");
        o.put("mean", "0.1, 0.2, 0.3");
        o.put("std", List.of(0.5, 0.5, 0.25));
        o.put("inputs", "x,gt");
        o.put("output-index", 1);
        o.put("scale", -1);
        o.put("offset", "1");
        o.put("range", List.of(0, 1));
        o.put("clip", true);
        ModelScorerSpec s = ModelScorerSpec.fromOptions(ComponentOptions.of("lpips", o));
        assertEquals(Paths.get("/models/lpips.onnx"), s.modelFile());
        assertEquals(ModelScorerSpec.ModelEngine.ONNX, s.engine());
        assertEquals(224, s.inputHeight());
        assertEquals(192, s.inputWidth());
        assertEquals(ModelScorerSpec.PixelRange.SIGNED, s.pixelRange());
        assertEquals(0.2, s.mean()[1]);
        assertEquals(0.25, s.std()[2]);
        assertEquals(ModelScorerSpec.ModelInputs.RESTORED_AND_GT, s.inputs());
        assertEquals(1, s.outputIndex());
        assertEquals(-1.0, s.scale());
        assertEquals(1.0, s.offset());
        assertTrue(s.clip());

        ModelScorerSpec d = ModelScorerSpec.fromOptions(ComponentOptions.of("model", Map.of("path", "a.pt")));
        assertEquals(ModelScorerSpec.ModelEngine.PYTORCH, d.engine());
        assertEquals(ModelScorerSpec.PixelRange.UNIT, d.pixelRange());
        assertEquals(ModelScorerSpec.ModelInputs.RESTORED, d.inputs());
        assertEquals(new ScoreRange(0, 1), d.range());
        assertTrue(!d.resizes() && !d.clip());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ModelScorerSpec
                .fromOptions(ComponentOptions.of("model", Map.of("path", "a.pt", "stdev", "1,1,1"))));
        assertTrue(unknown.getMessage().contains("stdev") && unknown.getMessage().contains("std"), unknown.getMessage());
        IllegalArgumentException ext = assertThrows(IllegalArgumentException.class,
                () -> ModelScorerSpec.fromOptions(ComponentOptions.of("model", Map.of("path", "a.bin"))));
        assertTrue(ext.getMessage().contains("a.bin") && ext.getMessage().contains("engine"), ext.getMessage());
        IllegalArgumentException std = assertThrows(IllegalArgumentException.class, () -> ModelScorerSpec
                .fromOptions(ComponentOptions.of("model", Map.of("path", "a.pt", "std", "1,0,1"))));
        assertTrue(std.getMessage().contains("std"), std.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelScorerSpec
                .fromOptions(ComponentOptions.of("model", Map.of("path", "a.pt", "pixel-range", "0,2"))));
    }

    @Test
    void clipKeepsAnOutOfRangeModelInside() {
        Case c = CASES.get("native_signed");
        // reward = 5 * sigmoid(...) exceeds [0, 1]; clipped it must land on the range's edge.
        ModelScorerSpec s = new ModelScorerSpec(dir.resolve("one_input.pt"), ModelScorerSpec.ModelEngine.PYTORCH,
                0, 0, c.pixels(), c.mean(), c.std(), ModelScorerSpec.ModelInputs.RESTORED, 0, 5, 0, ScoreRange.UNIT, true);
        try (ModelScoreComponent m = ModelScoreComponent.load(s)) {
            double[] expected = ref("native_signed", "one_input");
            double[] got = m.score(xs, gts);
            for (int i = 0; i < N; i++) {
                assertEquals(Math.min(1, 5 * expected[i]), got[i], 5 * TOLERANCE);
            }
        }
    }
}

package org.lrpo.rewards.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.testing.PythonReference;

/**
 * Shared by the model and registry tests: a batch of seeded image pairs, and the tiny scoring networks
 * plus their PyTorch reference scores made by {@code src/test/python/make_scoring_models.py} (run by
 * {@link PythonReference}: Debian's {@code /usr/bin/python3} with python3-torch) in {@code target/scoring-models},
 * once per JVM.
 */
public final class ScoringModelFixture {
    public static final long SEED = 20261126L;
    public static final int N = 9;
    public static final int SIZE = 64;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ScoringModelFixture instance;

    /** A preprocessing case, as the Python script reads it. */
    public record Case(int[] size, ModelScorerSpec.PixelRange pixels, double[] mean, double[] std) {
    }

    public final Path dir;
    public final List<RgbImage> xs;
    public final List<RgbImage> gts;
    public final Map<String, Case> cases;
    public final JsonNode reference;

    public static synchronized ScoringModelFixture get() {
        if (instance == null) {
            instance = new ScoringModelFixture();
        }
        return instance;
    }

    private ScoringModelFixture() {
        Map<String, Case> c = new LinkedHashMap<>();
        c.put("downsample_imagenet", new Case(new int[] {48, 40}, ModelScorerSpec.PixelRange.UNIT,
                new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}));
        c.put("native_signed", new Case(new int[] {0, 0}, ModelScorerSpec.PixelRange.SIGNED,
                new double[] {0, 0, 0}, new double[] {1, 1, 1}));
        c.put("upsample_byte", new Case(new int[] {96, 80}, ModelScorerSpec.PixelRange.BYTE,
                new double[] {120, 115, 100}, new double[] {60, 61, 62}));
        this.cases = Collections.unmodifiableMap(c);
        List<RgbImage> x = new ArrayList<>();
        List<RgbImage> g = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            RgbImage gt = smoothImage(SIZE, SIZE, i);
            g.add(gt);
            x.add(noisy(gt, i));
        }
        this.xs = List.copyOf(x);
        this.gts = List.copyOf(g);
        try {
            this.dir = Paths.get(System.getProperty("basedir", "."), "target", "scoring-models").toAbsolutePath();
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("reference.json"));
            writeFloats(dir.resolve("x.f32"), xs);
            writeFloats(dir.resolve("gt.f32"), gts);
            runPython(dir, JSON.writeValueAsString(spec()));
            this.reference = JSON.readTree(dir.resolve("reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode spec() {
        ObjectNode spec = JSON.createObjectNode().put("n", N).put("h", SIZE).put("w", SIZE);
        ObjectNode out = spec.putObject("cases");
        cases.forEach((name, c) -> {
            ObjectNode o = out.putObject(name);
            o.putArray("size").add(c.size()[0]).add(c.size()[1]);
            o.put("lo", c.pixels().lo()).put("hi", c.pixels().hi());
            var m = o.putArray("mean");
            var s = o.putArray("std");
            for (int k = 0; k < 3; k++) {
                m.add(c.mean()[k]);
                s.add(c.std()[k]);
            }
        });
        return spec;
    }

    public boolean onnxExported() {
        return reference.path("onnx").asBoolean();
    }

    public String onnxError() {
        return reference.path("onnx_error").asText();
    }

    /** torch's raw output of {@code model} (one_input, or two_input's distance) per image for a case. */
    public double[] referenceScores(String caseName, String model) {
        JsonNode arr = reference.path("scores").path(caseName).path(model);
        if (arr.size() != N) {
            throw new IllegalStateException("reference has " + arr.size() + " scores for " + caseName + "/" + model);
        }
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            out[i] = arr.get(i).asDouble();
        }
        return out;
    }

    private static void runPython(Path out, String spec) throws IOException {
        try {
            PythonReference.run("make_scoring_models.py", out.toString(), spec);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: make_scoring_models.py", e);
        }
    }

    /** Seeded smooth colour fields: a random sinusoid per channel around a random level, in [0, 1]. */
    public static RgbImage smoothImage(int w, int h, long index) {
        SplittableRandom rnd = Seeds.stream(SEED, "model-test.image", index);
        float[] chw = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            double fx = 1 + rnd.nextDouble() * 5;
            double fy = 1 + rnd.nextDouble() * 5;
            double phase = rnd.nextDouble() * 6.28;
            double base = 0.3 + 0.4 * rnd.nextDouble();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = base + 0.25 * Math.sin(fx * x / w * 6.28 + phase) * Math.cos(fy * y / h * 6.28);
                    chw[(c * h + y) * w + x] = (float) v;
                }
            }
        }
        return RgbImage.wrap(w, h, chw);
    }

    /** The image plus seeded uniform noise of amplitude growing with the index, clamped to [0, 1]. */
    public static RgbImage noisy(RgbImage img, long index) {
        SplittableRandom rnd = Seeds.stream(SEED, "model-test.noise", index);
        float[] v = img.chw().clone();
        double amp = 0.02 + 0.03 * index;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.max(0, Math.min(1, v[i] + amp * (2 * rnd.nextDouble() - 1)));
        }
        return RgbImage.wrap(img.width(), img.height(), v);
    }

    private static void writeFloats(Path file, List<RgbImage> images) throws IOException {
        int per = images.get(0).size();
        ByteBuffer b = ByteBuffer.allocate(4 * per * images.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (RgbImage img : images) {
            for (float f : img.chw()) {
                b.putFloat(f);
            }
        }
        Files.write(file, b.array());
    }
}

package org.lrpo.rewards.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.RewardComponent;
import org.lrpo.core.reward.ScoreRange;
import org.lrpo.rewards.reward.ComponentOptions;
import org.lrpo.rewards.reward.ImagePairs;

/**
 * The {@code model} component of METHOD.md §4: a user-supplied TorchScript or ONNX network used as a
 * scorer through DJL (the slot for LPIPS, CLIP-IQA, a face preference model). The preprocessing and the
 * mapping of the network's output to a reward are in {@link ModelScorerSpec}.
 *
 * <p>Loaded offline from the file alone ({@code Model.newInstance(name, cpu, engine)} then
 * {@code load}); nothing is fetched from a model zoo. Each {@link #score} call runs the whole batch in one
 * forward pass, in float32 on the CPU; the network must return, at the configured output index, one score
 * per image: a tensor of N elements whose first dimension is N (e.g. (N), (N, 1) or LPIPS' (N, 1, 1, 1)).
 *
 * <p>Thread-safe: a new predictor is made for each call. Close to free the network.
 */
public final class ModelScoreComponent implements RewardComponent {
    public static final String NAME = "model";

    private final String name;
    private final ModelScorerSpec spec;
    private final Model model;

    private ModelScoreComponent(String name, ModelScorerSpec spec, Model model) {
        this.name = name;
        this.spec = spec;
        this.model = model;
    }

    /** Loads the network named by {@code spec} under the component name {@value #NAME}. */
    public static ModelScoreComponent load(ModelScorerSpec spec) {
        return load(NAME, spec);
    }

    /**
     * Loads the network; {@code name} lets one composite hold several model components
     * (e.g. {@code lpips} and {@code clip_iqa}).
     *
     * @throws ModelScorerException when the file is missing or the engine cannot load it
     */
    public static ModelScoreComponent load(String name, ModelScorerSpec spec) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Path file = spec.modelFile().toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new ModelScorerException("model file " + file + " for reward component '" + name
                    + "' does not exist or is not a file");
        }
        String engineName = spec.engine().djlName();
        if (!Engine.getAllEngines().contains(engineName)) {
            throw new ModelScorerException("the " + engineName + " engine needed for " + file
                    + " is not on the classpath (engines found: " + Engine.getAllEngines() + ")");
        }
        Model model = Model.newInstance(name, Device.cpu(), engineName);
        try {
            model.load(file.getParent(), file.getFileName().toString());
            return new ModelScoreComponent(name, spec, model);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelScorerException("cannot load " + file + " (" + spec.engine().format() + ") with DJL's "
                    + engineName + " engine: " + e.getMessage(), e);
        }
    }

    /** The registry's factory: {@link ModelScorerSpec#fromOptions} then {@link #load(String, ModelScorerSpec)}. */
    public static ModelScoreComponent fromOptions(ComponentOptions options) {
        return load(options.component(), ModelScorerSpec.fromOptions(options));
    }

    public ModelScorerSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ScoreRange range() {
        return spec.range();
    }

    @Override
    public double[] score(List<RgbImage> restored, List<RgbImage> groundTruth) {
        int n = ImagePairs.requireValid(restored, groundTruth);
        int h = spec.resizes() ? spec.inputHeight() : restored.get(0).height();
        int w = spec.resizes() ? spec.inputWidth() : restored.get(0).width();
        if (!spec.resizes()) {
            for (int i = 1; i < n; i++) {
                if (restored.get(i).height() != h || restored.get(i).width() != w) {
                    throw new IllegalArgumentException("reward component '" + name + "' has no input-size, so the batch"
                            + " must share one size, but restored[0] is " + w + "x" + h + " and restored[" + i + "] is "
                            + restored.get(i).width() + "x" + restored.get(i).height());
                }
            }
        }
        List<float[]> inputs = new ArrayList<>(2);
        inputs.add(preprocess(restored, h, w));
        if (spec.inputs() == ModelScorerSpec.ModelInputs.RESTORED_AND_GT) {
            inputs.add(preprocess(groundTruth, h, w));
        }
        double[] raw;
        try (Predictor<List<float[]>, double[]> predictor = model.newPredictor(new Scores(new Shape(n, 3, h, w)))) {
            raw = predictor.predict(inputs);
        } catch (TranslateException | RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ModelScorerException m) {
                    throw m;
                }
            }
            throw new ModelScorerException("running " + spec.modelFile() + " on " + n + " images of 3x" + h + "x" + w
                    + " failed: " + e.getMessage(), e);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double r = spec.offset() + spec.scale() * raw[i];
            out[i] = spec.clip() ? Math.max(spec.range().min(), Math.min(spec.range().max(), r)) : r;
        }
        return out;
    }

    /** Resize, pixel range, mean/std: one (N, 3, h, w) float32 batch. */
    private float[] preprocess(List<RgbImage> images, int h, int w) {
        int plane = h * w;
        float[] batch = new float[images.size() * 3 * plane];
        for (int i = 0; i < images.size(); i++) {
            RgbImage img = images.get(i);
            BilinearResize.resize(img.chw(), 3, img.height(), img.width(), batch, i * 3 * plane, h, w);
        }
        double span = spec.pixelRange().hi() - spec.pixelRange().lo();
        double lo = spec.pixelRange().lo();
        double[] mean = spec.mean();
        double[] std = spec.std();
        for (int i = 0; i < images.size(); i++) {
            for (int c = 0; c < 3; c++) {
                // One affine map per channel: ((v * span + lo) - mean) / std = v * a + b.
                float a = (float) (span / std[c]);
                float b = (float) ((lo - mean[c]) / std[c]);
                int start = (i * 3 + c) * plane;
                for (int k = start; k < start + plane; k++) {
                    batch[k] = batch[k] * a + b;
                }
            }
        }
        return batch;
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "ModelScoreComponent[" + name + ", " + spec + "]";
    }

    /** Feeds the preprocessed batches and reads one score per image from the configured output. */
    private final class Scores implements NoBatchifyTranslator<List<float[]>, double[]> {
        private final Shape inputShape;

        Scores(Shape inputShape) {
            this.inputShape = inputShape;
        }

        @Override
        public NDList processInput(TranslatorContext ctx, List<float[]> batches) {
            NDManager m = ctx.getNDManager();
            NDList list = new NDList(batches.size());
            for (float[] b : batches) {
                list.add(m.create(b, inputShape));
            }
            return list;
        }

        @Override
        public double[] processOutput(TranslatorContext ctx, NDList outputs) {
            long n = inputShape.get(0);
            if (spec.outputIndex() >= outputs.size()) {
                throw new ModelScorerException("model file " + spec.modelFile() + " returned " + outputs.size()
                        + " output(s) " + shapes(outputs) + " but output-index is " + spec.outputIndex());
            }
            NDArray a = outputs.get(spec.outputIndex());
            Shape s = a.getShape();
            if (s.dimension() == 0 || s.get(0) != n || s.size() != n) {
                throw new ModelScorerException("model file " + spec.modelFile() + " output " + spec.outputIndex()
                        + " has shape " + s + " for a batch of " + n + " images: expected one score per image, a shape ("
                        + n + ") or (" + n + ", 1, ...); all outputs " + shapes(outputs));
            }
            if (a.getDataType() == DataType.FLOAT32) {
                float[] f = a.toFloatArray();
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                return d;
            }
            if (a.getDataType() == DataType.FLOAT64) {
                return a.toDoubleArray();
            }
            throw new ModelScorerException("model file " + spec.modelFile() + " output " + spec.outputIndex()
                    + " is " + a.getDataType() + ": expected float32 or float64 scores");
        }

        private String shapes(NDList outputs) {
            List<String> s = new ArrayList<>();
            for (NDArray a : outputs) {
                s.add(a.getShape().toString());
            }
            return s.toString();
        }
    }
}

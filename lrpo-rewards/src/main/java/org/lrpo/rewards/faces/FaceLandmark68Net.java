package org.lrpo.rewards.faces;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lrpo.core.image.RgbImage;

/**
 * face-api's {@code FaceLandmark68Net}: 68 facial landmarks of a face crop. Written from face-api
 * 1.7.15's {@code src/faceLandmarkNet}, {@code src/faceFeatureExtractor} and {@code src/faceProcessor};
 * weights from {@code face_landmark_68_model}, or {@code face_landmark_68_tiny_model} for
 * {@link Variant#TINY} (3 blocks of 3 convs up to 128 channels, avgPool 14/2; {@code denseBlock3}).
 *
 * <pre>
 * input    : crop padded (centred) to a square, resized to 112x112 ({@link TfjsImageInput}), 0..255
 * x        = (input - [122.782, 117.001, 104.298]) / 255
 * sep(x,s) = pointwise(depthwise 3x3/s 'same'(x)) + bias                  (tf.separableConv2d)
 * dense(x) : o1 = relu(first ? conv 3x3/2 'same'(x) + bias : sep(x, 2))
 *            o2 = sep(o1, 1); o3 = sep(relu(o1 + o2), 1); o4 = sep(relu(o1 + o2 + o3), 1)
 *            out = relu(o1 + o2 + o3 + o4)
 * features : dense0 (3-&gt;32, first) 56, dense1 (64) 28, dense2 (128) 14, dense3 (256) 7; avgPool 7/2 valid
 * fc       : 256 -&gt; 136 = (x0, y0, x1, y1, ...) relative to the 112x112 input
 * points   : (p * 112 - pad) / scaled size, times the crop's width/height (postProcess and
 *            FaceLandmarks), pad = |w - h| / 2 in input pixels on the short axis
 * </pre>
 *
 * <p>Immutable after loading; safe to share between threads. Close to free the weights.
 */
public final class FaceLandmark68Net implements AutoCloseable {
    public static final String MODEL_NAME = "face_landmark_68_model";
    public static final String TINY_MODEL_NAME = "face_landmark_68_tiny_model";
    public static final int INPUT_SIZE = 112;

    /** Which of face-api's two 68-point networks. */
    public enum Variant {
        /** {@code face_landmark_68_model}: 4 dense blocks of 4 convs, 256 features (350 kB). */
        FULL(MODEL_NAME, 4, 4, 256, 7),
        /** {@code face_landmark_68_tiny_model}: 3 dense blocks of 3 convs, 128 features (75 kB). */
        TINY(TINY_MODEL_NAME, 3, 3, 128, 14);

        final String modelName;
        final int blocks;
        final int convsPerBlock;
        final int features;
        final int poolSize;

        Variant(String modelName, int blocks, int convsPerBlock, int features, int poolSize) {
            this.modelName = modelName;
            this.blocks = blocks;
            this.convsPerBlock = convsPerBlock;
            this.features = features;
            this.poolSize = poolSize;
        }
    }

    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private final NDManager manager;
    private final Variant variant;
    private final NDArray mean;
    private final List<DenseBlock> blocks;
    private final NDArray fcWeights;
    private final NDArray fcBias;

    private FaceLandmark68Net(NDManager manager, TfjsWeights weights, Variant variant) {
        this.manager = manager;
        this.variant = variant;
        this.mean = manager.create(MEAN_RGB, new Shape(1, 3, 1, 1));
        List<DenseBlock> b = new ArrayList<>();
        for (int i = 0; i < variant.blocks; i++) {
            b.add(new DenseBlock(manager, weights, "dense" + i, i == 0, variant.convsPerBlock));
        }
        this.blocks = List.copyOf(b);
        this.fcWeights = TfLayout.matrix(manager,
                weights.get("fc/weights", variant.features, 2 * FaceLandmarks.POINTS));
        this.fcBias = TfLayout.vector(manager, weights.get("fc/bias", 2 * FaceLandmarks.POINTS));
    }

    /** The full network from the located face-api cache ({@link FaceModelFiles#locate()}). */
    public static FaceLandmark68Net load() {
        return load(FaceModelFiles.locate(), Variant.FULL);
    }

    public static FaceLandmark68Net load(FaceModelFiles files) {
        return load(files, Variant.FULL);
    }

    public static FaceLandmark68Net load(FaceModelFiles files, Variant variant) {
        TfjsWeights weights = TfjsWeights.load(files.modelDir(), variant.modelName);
        NDManager manager = FaceEngine.newManager();
        try {
            return new FaceLandmark68Net(manager, weights, variant);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Landmarks of one face crop, in its pixels. */
    public FaceLandmarks detect(RgbImage face) {
        return detect(List.of(face)).get(0);
    }

    /** Landmarks of a batch of face crops (any sizes), one forward pass. */
    public List<FaceLandmarks> detect(List<RgbImage> faces) {
        Objects.requireNonNull(faces, "faces");
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("no face images to find landmarks in");
        }
        int n = faces.size();
        int plane = 3 * INPUT_SIZE * INPUT_SIZE;
        float[] batch = new float[n * plane];
        for (int i = 0; i < n; i++) {
            RgbImage face = Objects.requireNonNull(faces.get(i), "faces[" + i + "]");
            FaceImageChecks.requireFinite(face, "faces[" + i + "]");
            System.arraycopy(TfjsImageInput.toSquare(face, INPUT_SIZE, true), 0, batch, i * plane, plane);
        }
        float[] raw;
        try (NDManager scope = manager.newSubManager()) {
            raw = forward(scope.create(batch, new Shape(n, 3, INPUT_SIZE, INPUT_SIZE))).toFloatArray();
        }
        List<FaceLandmarks> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(toPixels(raw, i * 2 * FaceLandmarks.POINTS, faces.get(i).width(), faces.get(i).height()));
        }
        return out;
    }

    /** face-api's postProcess, then FaceLandmarks' scaling by the crop size; float32 like tfjs. */
    private static FaceLandmarks toPixels(float[] raw, int offset, int width, int height) {
        double scale = (double) INPUT_SIZE / Math.max(width, height);
        float w = (float) (width * scale);
        float h = (float) (height * scale);
        float padX = w < h ? Math.abs(w - h) / 2 : 0;
        float padY = h < w ? Math.abs(w - h) / 2 : 0;
        float[] x = new float[FaceLandmarks.POINTS];
        float[] y = new float[FaceLandmarks.POINTS];
        for (int p = 0; p < FaceLandmarks.POINTS; p++) {
            x[p] = (raw[offset + 2 * p] * INPUT_SIZE - padX) / w * width;
            y[p] = (raw[offset + 2 * p + 1] * INPUT_SIZE - padY) / h * height;
        }
        return new FaceLandmarks(x, y);
    }

    /** The network on (N, 3, 112, 112) in 0..255: (N, 136) relative coordinates, in the input's manager. */
    NDArray forward(NDArray input) {
        NDManager scope = input.getManager();
        try (NDManager tmp = scope.newSubManager()) {
            NDArray x = input.toDevice(input.getDevice(), true);
            x.attach(tmp);
            x = x.sub(mean).div(255f);
            for (DenseBlock block : blocks) {
                x = block.apply(x);
            }
            x = TfOps.avgPoolValid(x, variant.poolSize, 2);
            NDArray out = x.reshape(x.getShape().get(0), -1).matMul(fcWeights).add(fcBias);
            out.attach(scope);
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    public Variant variant() {
        return variant;
    }

    /**
     * {@code denseBlock4} / {@code denseBlock3} with scale-down: o1 = relu(first conv, stride 2),
     * o_k = sep(relu(o1 + ... + o_{k-1})) (o2 = sep(o1)), out = relu(o1 + ... + o_n).
     */
    private static final class DenseBlock {
        private final NDArray firstFilters;
        private final NDArray firstBias;
        private final SeparableConv conv0;
        private final List<SeparableConv> rest;

        DenseBlock(NDManager manager, TfjsWeights weights, String prefix, boolean first, int convs) {
            if (first) {
                this.firstFilters = TfLayout.convKernel(manager, weights.getRank(prefix + "/conv0/filters", 4));
                this.firstBias = TfLayout.vector(manager,
                        weights.get(prefix + "/conv0/bias", (int) firstFilters.getShape().get(0)));
                this.conv0 = null;
            } else {
                this.firstFilters = null;
                this.firstBias = null;
                this.conv0 = new SeparableConv(manager, weights, prefix + "/conv0");
            }
            List<SeparableConv> r = new ArrayList<>();
            for (int k = 1; k < convs; k++) {
                r.add(new SeparableConv(manager, weights, prefix + "/conv" + k));
            }
            this.rest = List.copyOf(r);
        }

        NDArray apply(NDArray x) {
            NDArray out1 = TfOps.relu(conv0 == null
                    ? TfOps.conv2d(x, firstFilters, firstBias, 2, TfOps.Padding.SAME, 1)
                    : conv0.apply(x, 2, TfOps.Padding.SAME));
            List<NDArray> outs = new ArrayList<>();
            outs.add(out1);
            for (SeparableConv conv : rest) {
                NDArray in = outs.size() == 1 ? out1 : TfOps.relu(sum(outs));
                outs.add(conv.apply(in, 1, TfOps.Padding.SAME));
            }
            return TfOps.relu(sum(outs));
        }

        /** o1 + (o2 + (o3 + ...)), tfjs's order of additions. */
        private static NDArray sum(List<NDArray> outs) {
            NDArray acc = outs.get(outs.size() - 1);
            for (int k = outs.size() - 2; k >= 0; k--) {
                acc = outs.get(k).add(acc);
            }
            return acc;
        }
    }
}

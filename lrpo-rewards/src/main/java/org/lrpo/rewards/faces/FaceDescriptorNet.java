package org.lrpo.rewards.faces;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lrpo.core.image.RgbImage;

/**
 * face-api's {@code FaceRecognitionNet} (a port of dlib's ResNet-34-like face descriptor network):
 * 150x150 RGB face in, 128-d descriptor out. Written from face-api 1.7.15's
 * {@code src/faceRecognitionNet/*.ts}; weights from {@code face_recognition_model}.
 *
 * <pre>
 * input   : image padded (centred) to a square and resized to 150x150 ({@link TfjsImageInput}), 0..255
 * x       = (input - [122.782, 117.001, 104.298]) / 255                    (face-api divides by 255)
 * conv    = scale(conv2d(x) + bias) = (conv2d(x) + bias) * w + b          ("conv layer")
 * stem    : conv 7x7/2 valid 3-&gt;32, ReLU; maxPool 3/2 valid              (150 -&gt; 72 -&gt; 35)
 * res     : relu(convNoRelu(relu(conv(x))) + x)                          (3x3 'same')
 * resDown : relu(convNoRelu(relu(conv 3x3/2 valid(x))) + pad(avgPool 2/2(x)))
 *           zero channels appended to the pooled shortcut; when the pooled map is one row/column larger,
 *           a zero row (bottom) and column (right) appended to the residual branch
 * stages  : 3 res @32; resDown + 3 res @64 (17); resDown + 2 res @128 (8); resDown + 2 res @256 (4);
 *           resDown @256 (2)
 * out     = mean over H, W, then matMul with fc (256 x 128); no normalisation.
 * </pre>
 *
 * <p>Instances are immutable once loaded and safe to share between threads (forward creates only
 * temporary arrays, in a per-call sub-manager). Close to free the weights.
 */
public final class FaceDescriptorNet implements AutoCloseable {
    public static final String MODEL_NAME = "face_recognition_model";
    public static final int INPUT_SIZE = 150;
    public static final int DESCRIPTOR_SIZE = 128;
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

    private final NDManager manager;
    private final NDArray mean;
    private final ConvLayer stem;
    private final List<Stage> stages;
    private final NDArray fc;

    private FaceDescriptorNet(NDManager manager, TfjsWeights weights) {
        this.manager = manager;
        this.mean = manager.create(MEAN_RGB, new Shape(1, 3, 1, 1));
        this.stem = new ConvLayer(manager, weights, "conv32_down");
        List<Stage> s = new ArrayList<>();
        for (String name : List.of("conv32_1", "conv32_2", "conv32_3")) {
            s.add(new Stage(manager, weights, name, false));
        }
        s.add(new Stage(manager, weights, "conv64_down", true));
        for (String name : List.of("conv64_1", "conv64_2", "conv64_3")) {
            s.add(new Stage(manager, weights, name, false));
        }
        s.add(new Stage(manager, weights, "conv128_down", true));
        s.add(new Stage(manager, weights, "conv128_1", false));
        s.add(new Stage(manager, weights, "conv128_2", false));
        s.add(new Stage(manager, weights, "conv256_down", true));
        s.add(new Stage(manager, weights, "conv256_1", false));
        s.add(new Stage(manager, weights, "conv256_2", false));
        s.add(new Stage(manager, weights, "conv256_down_out", true));
        this.stages = List.copyOf(s);
        this.fc = TfLayout.matrix(manager, weights.get("fc", 256, DESCRIPTOR_SIZE));
    }

    /** Loads the weights from the located face-api cache ({@link FaceModelFiles#locate()}). */
    public static FaceDescriptorNet load() {
        return load(FaceModelFiles.locate());
    }

    public static FaceDescriptorNet load(FaceModelFiles files) {
        TfjsWeights weights = TfjsWeights.load(files.modelDir(), MODEL_NAME);
        NDManager manager = FaceEngine.newManager();
        try {
            return new FaceDescriptorNet(manager, weights);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The descriptor of one face image (any size; padded to square and resized to 150x150). */
    public float[] describe(RgbImage face) {
        return describe(List.of(face))[0];
    }

    /** Descriptors of a batch of face images, one forward pass. */
    public float[][] describe(List<RgbImage> faces) {
        Objects.requireNonNull(faces, "faces");
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("no face images to describe");
        }
        int n = faces.size();
        int plane = 3 * INPUT_SIZE * INPUT_SIZE;
        float[] batch = new float[n * plane];
        for (int i = 0; i < n; i++) {
            RgbImage face = Objects.requireNonNull(faces.get(i), "faces[" + i + "]");
            FaceImageChecks.requireFinite(face, "faces[" + i + "]");
            System.arraycopy(TfjsImageInput.toSquare(face, INPUT_SIZE, true), 0, batch, i * plane, plane);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(batch, new Shape(n, 3, INPUT_SIZE, INPUT_SIZE));
            float[] flat = forward(input).toFloatArray();
            float[][] out = new float[n][DESCRIPTOR_SIZE];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * DESCRIPTOR_SIZE, out[i], 0, DESCRIPTOR_SIZE);
            }
            return out;
        }
    }

    /** The network on a (N, 3, 150, 150) batch in 0..255; the result lives in the input's manager. */
    NDArray forward(NDArray input) {
        NDManager scope = input.getManager();
        try (NDManager tmp = scope.newSubManager()) {
            NDArray x = input.toDevice(input.getDevice(), true);
            x.attach(tmp);
            x = x.sub(mean).div(255f);
            x = TfOps.maxPoolValid(stem.apply(x, 2, TfOps.Padding.VALID, true), 3, 2);
            for (Stage stage : stages) {
                x = stage.apply(x);
            }
            Shape s = x.getShape();
            // PyTorch's DJL mean takes one axis: flatten H, W first.
            NDArray out = x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).mean(new int[] {2}).matMul(fc);
            out.attach(scope);
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    /** face-api's conv layer: conv2d + bias, then the per-channel affine "scale" layer. */
    private static final class ConvLayer {
        private final NDArray filters;
        private final NDArray bias;
        private final NDArray scaleWeights;
        private final NDArray scaleBiases;

        ConvLayer(NDManager manager, TfjsWeights weights, String prefix) {
            this.filters = TfLayout.convKernel(manager, weights.getRank(prefix + "/conv/filters", 4));
            int out = (int) filters.getShape().get(0);
            this.bias = TfLayout.vector(manager, weights.get(prefix + "/conv/bias", out));
            this.scaleWeights = TfLayout.channelVector(manager, weights.get(prefix + "/scale/weights", out));
            this.scaleBiases = TfLayout.channelVector(manager, weights.get(prefix + "/scale/biases", out));
        }

        NDArray apply(NDArray x, int stride, TfOps.Padding padding, boolean relu) {
            NDArray out = TfOps.conv2d(x, filters, bias, stride, padding, 1).mul(scaleWeights).add(scaleBiases);
            return relu ? TfOps.relu(out) : out;
        }
    }

    /** A residual block; {@code down} blocks halve the size and may widen the channels. */
    private static final class Stage {
        private final ConvLayer conv1;
        private final ConvLayer conv2;
        private final boolean down;

        Stage(NDManager manager, TfjsWeights weights, String prefix, boolean down) {
            this.conv1 = new ConvLayer(manager, weights, prefix + "/conv1");
            this.conv2 = new ConvLayer(manager, weights, prefix + "/conv2");
            this.down = down;
        }

        NDArray apply(NDArray x) {
            if (!down) {
                NDArray out = conv2.apply(conv1.apply(x, 1, TfOps.Padding.SAME, true), 1, TfOps.Padding.SAME, false);
                return TfOps.relu(out.add(x));
            }
            NDArray out = conv2.apply(conv1.apply(x, 2, TfOps.Padding.VALID, true), 1, TfOps.Padding.SAME, false);
            NDArray pooled = TfOps.avgPoolValid(x, 2, 2);
            long extraRows = pooled.getShape().get(2) - out.getShape().get(2);
            long extraCols = pooled.getShape().get(3) - out.getShape().get(3);
            if (extraRows != 0 || extraCols != 0) {
                // face-api appends one zero row and one zero column to the residual branch (residualLayer.ts).
                out = TfOps.pad(out, 0, extraRows, 0, extraCols, 0);
            }
            long extraChannels = out.getShape().get(1) - pooled.getShape().get(1);
            if (extraChannels > 0) {
                Shape s = pooled.getShape();
                NDArray zeros = pooled.getManager().zeros(new Shape(s.get(0), extraChannels, s.get(2), s.get(3)));
                pooled = pooled.concat(zeros, 1);
            }
            return TfOps.relu(pooled.add(out));
        }
    }
}

package org.lrpo.rewards.faces;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.lrpo.core.image.RgbImage;

/**
 * face-api's {@code TinyFaceDetector}: a Tiny-YOLOv2-style detector with depthwise-separable convs and
 * one class. Written from face-api 1.7.15's {@code src/tinyFaceDetector} and {@code src/tinyYolov2}
 * ({@code TinyYolov2Base.runMobilenet}, {@code extractBoxes}, {@code detect}); weights from
 * {@code tiny_face_detector_model}.
 *
 * <pre>
 * input  : photo padded to a square at the bottom/right (not centred), resized to inputSize (a multiple
 *          of 32, default 416), 0..255; x = (input - [117.001, 114.697, 97.404]) / 255
 * net    : leaky(conv0 3x3 valid + bias); maxPool 2/2 'same';
 *          5 x [leaky(sep(pad 1 (x)) + bias)] with maxPool 2/2 'same' after the first four and
 *          maxPool 2/1 'same' after the fifth; conv8 1x1 -&gt; 5 anchors x (tx, ty, tw, th, to)
 *          leaky(x) = relu(x - 0.1x) + 0.1x
 * boxes  : cell (row, col), anchor a with (aw, ah) from BOX_ANCHORS, n cells per side:
 *          score = sigmoid(to); kept if score &gt; threshold
 *          cx = (col + sigmoid(tx)) / n * cX, cy = (row + sigmoid(ty)) / n * cY,
 *          w = exp(tw) * aw / n * cX, h = exp(th) * ah / n * cY, with c = inputSize / (reshaped side)
 * NMS    : greedy by descending score, drop IoU &gt; 0.4; boxes scaled to the photo's pixels
 * </pre>
 */
public final class TinyFaceDetector implements AutoCloseable {
    public static final String MODEL_NAME = "tiny_face_detector_model";
    static final double IOU_THRESHOLD = 0.4;
    static final double[][] BOX_ANCHORS = {
        {1.603231, 2.094468}, {6.041143, 7.080126}, {2.882459, 3.518061}, {4.266906, 5.178857}, {9.041765, 10.66308},
    };
    private static final float[] MEAN_RGB = {117.001f, 114.697f, 97.404f};
    private static final int ENCODING = 5;

    private final NDManager manager;
    private final NDArray mean;
    private final NDArray conv0Filters;
    private final NDArray conv0Bias;
    private final List<SeparableConv> separable;
    private final NDArray conv8Filters;
    private final NDArray conv8Bias;

    private TinyFaceDetector(NDManager manager, TfjsWeights weights) {
        this.manager = manager;
        this.mean = manager.create(MEAN_RGB, new Shape(1, 3, 1, 1));
        this.conv0Filters = TfLayout.convKernel(manager, weights.get("conv0/filters", 3, 3, 3, 16));
        this.conv0Bias = TfLayout.vector(manager, weights.get("conv0/bias", 16));
        List<SeparableConv> s = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            s.add(new SeparableConv(manager, weights, "conv" + i));
        }
        this.separable = List.copyOf(s);
        int anchors = BOX_ANCHORS.length;
        this.conv8Filters = TfLayout.convKernel(manager, weights.get("conv8/filters", 1, 1, 512, anchors * ENCODING));
        this.conv8Bias = TfLayout.vector(manager, weights.get("conv8/bias", anchors * ENCODING));
    }

    public static TinyFaceDetector load() {
        return load(FaceModelFiles.locate());
    }

    public static TinyFaceDetector load(FaceModelFiles files) {
        TfjsWeights weights = TfjsWeights.load(files.modelDir(), MODEL_NAME);
        NDManager manager = FaceEngine.newManager();
        try {
            return new TinyFaceDetector(manager, weights);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Faces in {@code photo}, best first, boxes in its pixels. The restore job passes
     * {@code lrpo.restore.detector.input-size} and {@code score-threshold} (lrpo-spark-jobs' reference.conf).
     */
    public List<FaceBox> detect(RgbImage photo, int inputSize, double scoreThreshold) {
        Objects.requireNonNull(photo, "photo");
        if (inputSize <= 0 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("inputSize must be a positive multiple of 32, got " + inputSize);
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("scoreThreshold must be in (0, 1), got " + scoreThreshold);
        }
        FaceImageChecks.requireFinite(photo, "photo");
        float[] input = TfjsImageInput.toSquare(photo, inputSize, false);
        float[] raw;
        int cells;
        try (NDManager scope = manager.newSubManager()) {
            NDArray out = forward(scope.create(input, new Shape(1, 3, inputSize, inputSize)));
            cells = (int) out.getShape().get(2);
            raw = out.toFloatArray();
        }
        List<FaceBox> candidates = decode(raw, cells, photo.width(), photo.height(), inputSize, scoreThreshold);
        return nonMaxSuppression(candidates);
    }

    /** extractBoxes: relative boxes (in [0, 1] of the photo), then scaled to its pixels. */
    private static List<FaceBox> decode(float[] raw, int cells, int width, int height, int inputSize,
            double scoreThreshold) {
        int[] reshaped = TfjsImageInput.reshapedSize(width, height, inputSize);
        double side = Math.max(reshaped[0], reshaped[1]);
        double corrX = side / reshaped[0];
        double corrY = side / reshaped[1];
        int plane = cells * cells;
        List<FaceBox> out = new ArrayList<>();
        for (int row = 0; row < cells; row++) {
            for (int col = 0; col < cells; col++) {
                for (int a = 0; a < BOX_ANCHORS.length; a++) {
                    int base = a * ENCODING * plane + row * cells + col;
                    double score = sigmoid(raw[base + 4 * plane]);
                    if (score <= scoreThreshold) {
                        continue;
                    }
                    double cx = (col + sigmoid(raw[base])) / cells * corrX;
                    double cy = (row + sigmoid(raw[base + plane])) / cells * corrY;
                    double w = Math.exp(raw[base + 2 * plane]) * BOX_ANCHORS[a][0] / cells * corrX;
                    double h = Math.exp(raw[base + 3 * plane]) * BOX_ANCHORS[a][1] / cells * corrY;
                    double x = cx - w / 2;
                    double y = cy - h / 2;
                    out.add(new FaceBox(x * width, y * height, w * width, h * height, score));
                }
            }
        }
        return out;
    }

    /** face-api's greedy NMS: highest score first, drop boxes overlapping a kept one by IoU &gt; 0.4. */
    static List<FaceBox> nonMaxSuppression(List<FaceBox> boxes) {
        List<FaceBox> remaining = new ArrayList<>(boxes);
        // Ascending and stable, then taken from the end: ties go to the later box, as in face-api.
        remaining.sort(Comparator.comparingDouble(FaceBox::score));
        List<FaceBox> kept = new ArrayList<>();
        while (!remaining.isEmpty()) {
            FaceBox best = remaining.remove(remaining.size() - 1);
            kept.add(best);
            remaining.removeIf(b -> best.iou(b) > IOU_THRESHOLD);
        }
        return kept;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** The network on (1, 3, S, S) in 0..255: (1, 25, S/32, S/32), channel = anchor * 5 + field. */
    NDArray forward(NDArray input) {
        NDManager scope = input.getManager();
        try (NDManager tmp = scope.newSubManager()) {
            NDArray x = input.toDevice(input.getDevice(), true);
            x.attach(tmp);
            x = x.sub(mean).div(255f);
            x = TfOps.leaky(TfOps.conv2d(x, conv0Filters, conv0Bias, 1, TfOps.Padding.VALID, 1));
            x = TfOps.maxPoolSame(x, 2, 2);
            for (int i = 0; i < separable.size(); i++) {
                NDArray padded = TfOps.pad(x, 1, 1, 1, 1, 0);
                x = TfOps.leaky(separable.get(i).apply(padded, 1, TfOps.Padding.VALID));
                x = TfOps.maxPoolSame(x, 2, i < separable.size() - 1 ? 2 : 1);
            }
            NDArray out = TfOps.conv2d(x, conv8Filters, conv8Bias, 1, TfOps.Padding.VALID, 1);
            out.attach(scope);
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}

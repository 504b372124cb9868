package org.lrpo.rewards.model;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.lrpo.core.reward.ScoreRange;
import org.lrpo.rewards.reward.ComponentOptions;

/**
 * How to run a user-supplied scoring network (the {@code model} component of METHOD.md §4) and turn its
 * output into a reward. Per image pair, with v a pixel of x (and of gt for two-input models) in [0, 1]:
 *
 * <pre>
 * v'     = bilinear resize to (inputHeight, inputWidth)        (skipped when inputHeight = inputWidth = 0)
 * u      = v' * (hi - lo) + lo                                  pixel range [lo, hi]: [0,1], [-1,1] or [0,255]
 * input  = (u - mean[c]) / std[c]                               mean, std in the units of u
 * raw    = model(input_x)            or model(input_x, input_gt)            output number outputIndex
 * reward = offset + scale * raw      (optionally clipped to the declared range)
 * </pre>
 *
 * A distance such as LPIPS (lower is better) becomes a reward with {@code scale = -1, offset = 1}.
 *
 * @param modelFile    the TorchScript ({@code .pt}) or ONNX ({@code .onnx}) file
 * @param engine       the DJL engine that runs it
 * @param inputHeight  network input height in pixels; 0 (with inputWidth 0) feeds images at their own size
 * @param inputWidth   network input width in pixels
 * @param pixelRange   the value range the network expects before mean/std
 * @param mean         per-channel (R, G, B) mean subtracted, in the units of pixelRange
 * @param std          per-channel (R, G, B) divisor, &gt; 0
 * @param inputs       whether the network takes x alone or (x, gt)
 * @param outputIndex  which output of the network (0-based) holds the scores
 * @param scale        reward = offset + scale * raw
 * @param offset       reward = offset + scale * raw
 * @param range        the declared range of the reward (after scale/offset)
 * @param clip         clip the reward into range; when false an out-of-range score fails loudly
 */
public record ModelScorerSpec(Path modelFile, ModelEngine engine, int inputHeight, int inputWidth,
        PixelRange pixelRange, double[] mean, double[] std, ModelInputs inputs, int outputIndex,
        double scale, double offset, ScoreRange range, boolean clip) {

    /** A DJL engine able to load a scoring network file. */
    public enum ModelEngine {
        PYTORCH("PyTorch", "TorchScript"),
        ONNX("OnnxRuntime", "ONNX");

        private final String djlName;
        private final String format;

        ModelEngine(String djlName, String format) {
            this.djlName = djlName;
            this.format = format;
        }

        public String djlName() {
            return djlName;
        }

        public String format() {
            return format;
        }

        /** {@code .pt}, {@code .pth}, {@code .torchscript}: PyTorch; {@code .onnx}: ONNX; otherwise an error. */
        public static ModelEngine fromExtension(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".torchscript")) {
                return PYTORCH;
            }
            if (name.endsWith(".onnx")) {
                return ONNX;
            }
            throw new IllegalArgumentException("cannot tell the engine of model file " + file
                    + " from its extension (.pt/.pth/.torchscript or .onnx): set the engine option (pytorch|onnx)");
        }
    }

    /** The pixel value range a network expects: x in [0, 1] maps affinely onto [lo, hi]. */
    public enum PixelRange {
        UNIT(0, 1), SIGNED(-1, 1), BYTE(0, 255);

        private final double lo;
        private final double hi;

        PixelRange(double lo, double hi) {
            this.lo = lo;
            this.hi = hi;
        }

        public double lo() {
            return lo;
        }

        public double hi() {
            return hi;
        }

        /** "0,1", "-1,1" or "0,255" (also "unit", "signed", "byte"). */
        static PixelRange parse(String s) {
            switch (s.replace(" ", "").replace("[", "").replace("]", "").toLowerCase(Locale.ROOT)) {
                case "0,1", "unit": return UNIT;
                case "-1,1", "signed": return SIGNED;
                case "0,255", "byte": return BYTE;
                default: throw new IllegalArgumentException("pixel range '" + s + "': expected 0,1 or -1,1 or 0,255");
            }
        }
    }

    /** What the network is fed. */
    public enum ModelInputs {
        /** One input, the restored image (no-reference models: CLIP-IQA, MUSIQ, a preference model). */
        RESTORED,
        /** Two inputs, restored then ground truth (full-reference models: LPIPS, DISTS). */
        RESTORED_AND_GT
    }

    /** Option keys under {@code lrpo.reward.components.model}. */
    public static final String OPT_PATH = "path";
    public static final String OPT_ENGINE = "engine";
    public static final String OPT_INPUT_SIZE = "input-size";
    public static final String OPT_PIXEL_RANGE = "pixel-range";
    public static final String OPT_MEAN = "mean";
    public static final String OPT_STD = "std";
    public static final String OPT_INPUTS = "inputs";
    public static final String OPT_OUTPUT_INDEX = "output-index";
    public static final String OPT_SCALE = "scale";
    public static final String OPT_OFFSET = "offset";
    public static final String OPT_RANGE = "range";
    public static final String OPT_CLIP = "clip";
    private static final Set<String> KEYS = Set.of(OPT_PATH, OPT_ENGINE, OPT_INPUT_SIZE, OPT_PIXEL_RANGE, OPT_MEAN,
            OPT_STD, OPT_INPUTS, OPT_OUTPUT_INDEX, OPT_SCALE, OPT_OFFSET, OPT_RANGE, OPT_CLIP);

    public ModelScorerSpec {
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(pixelRange, "pixelRange");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(range, "range");
        if (inputHeight < 0 || inputWidth < 0 || (inputHeight == 0) != (inputWidth == 0)) {
            throw new IllegalArgumentException("model input size must be two positive numbers, or 0 x 0 for the images'"
                    + " own size; got " + inputHeight + " x " + inputWidth);
        }
        mean = checkedTriple(mean, "mean", false);
        std = checkedTriple(std, "std", true);
        if (outputIndex < 0) {
            throw new IllegalArgumentException("model output index must be >= 0, got " + outputIndex);
        }
        if (!Double.isFinite(scale) || scale == 0 || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("model reward = offset + scale * raw needs finite offset and non-zero"
                    + " scale, got offset " + offset + ", scale " + scale);
        }
    }

    private static double[] checkedTriple(double[] v, String what, boolean positive) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException("model " + what + " needs 3 values (R, G, B), got "
                    + (v == null ? "none" : Arrays.toString(v)));
        }
        for (double d : v) {
            if (!Double.isFinite(d) || (positive && d <= 0)) {
                throw new IllegalArgumentException("model " + what + " must be finite" + (positive ? " and > 0" : "")
                        + ", got " + Arrays.toString(v));
            }
        }
        return v.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** Whether images are resized before the network. */
    public boolean resizes() {
        return inputHeight > 0;
    }

    /**
     * Reads the options: {@value #OPT_PATH} (required), {@value #OPT_ENGINE} (pytorch|onnx; default from
     * the extension), {@value #OPT_INPUT_SIZE} ([height, width], default [0, 0] = the images' own size),
     * {@value #OPT_PIXEL_RANGE} ("0,1" | "-1,1" | "0,255", default "0,1"), {@value #OPT_MEAN} (default
     * [0, 0, 0]), {@value #OPT_STD} (default [1, 1, 1]), {@value #OPT_INPUTS} (x | x,gt; default x),
     * {@value #OPT_OUTPUT_INDEX} (default 0), {@value #OPT_SCALE} (default 1), {@value #OPT_OFFSET} (default 0),
     * {@value #OPT_RANGE} ([min, max], default [0, 1]), {@value #OPT_CLIP} (default false).
     */
    public static ModelScorerSpec fromOptions(ComponentOptions o) {
        o.requireOnly(KEYS);
        Path file = Paths.get(o.requiredString(OPT_PATH));
        ModelEngine engine = o.has(OPT_ENGINE)
                ? ModelEngine.valueOf(o.oneOf(OPT_ENGINE, null, Set.of("pytorch", "onnx")).toUpperCase(Locale.ROOT))
                : ModelEngine.fromExtension(file);
        double[] size = o.doubles(OPT_INPUT_SIZE, new double[] {0, 0}, 2);
        if (size[0] != Math.rint(size[0]) || size[1] != Math.rint(size[1]) || size[0] > 4096 || size[1] > 4096) {
            throw new IllegalArgumentException("reward component '" + o.component() + "' option '" + OPT_INPUT_SIZE
                    + "' = " + Arrays.toString(size) + ": expected [height, width], integers in [0, 4096]");
        }
        PixelRange pixels = o.has(OPT_PIXEL_RANGE) ? PixelRange.parse(rangeText(o, OPT_PIXEL_RANGE)) : PixelRange.UNIT;
        String in = o.string(OPT_INPUTS, "x").replace(" ", "").toLowerCase(Locale.ROOT);
        ModelInputs inputs = switch (in) {
            case "x" -> ModelInputs.RESTORED;
            case "x,gt", "[x,gt]" -> ModelInputs.RESTORED_AND_GT;
            default -> throw new IllegalArgumentException("reward component '" + o.component() + "' option '"
                    + OPT_INPUTS + "' = " + in + ": expected x or x,gt");
        };
        double[] r = o.doubles(OPT_RANGE, new double[] {0, 1}, 2);
        return new ModelScorerSpec(file, engine, (int) size[0], (int) size[1], pixels,
                o.doubles(OPT_MEAN, new double[] {0, 0, 0}, 3), o.doubles(OPT_STD, new double[] {1, 1, 1}, 3),
                inputs, o.intIn(OPT_OUTPUT_INDEX, 0, 0, 1024),
                o.doubleIn(OPT_SCALE, 1, -Double.MAX_VALUE, Double.MAX_VALUE),
                o.doubleIn(OPT_OFFSET, 0, -Double.MAX_VALUE, Double.MAX_VALUE),
                new ScoreRange(r[0], r[1]), o.bool(OPT_CLIP, false));
    }

    /** A range option as text whether given as a list ([0, 255]) or a string ("0,255"). */
    private static String rangeText(ComponentOptions o, String key) {
        if (o.string(key, "").matches("(?i)unit|signed|byte")) {
            return o.string(key, "");
        }
        double[] v = o.doubles(key, null, 2);
        return fmt(v[0]) + "," + fmt(v[1]);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public String toString() {
        return "ModelScorerSpec[" + modelFile + ", " + engine + ", input " + inputHeight + "x" + inputWidth
                + ", pixels " + pixelRange + ", mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + ", "
                + inputs + ", output " + outputIndex + ", reward = " + offset + " + " + scale + " * raw in ["
                + range.min() + ", " + range.max() + "]" + (clip ? " clipped" : "") + "]";
    }
}

package org.lrpo.rewards.reward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lrpo.core.image.RgbImage;
import org.lrpo.rewards.metrics.NiqeModel;
import org.lrpo.rewards.metrics.NiqeModels;

/**
 * The {@code niqe} component of METHOD.md §4: a no-reference naturalness reward from NIQE ({@link NiqeModel},
 * lower = more natural), mapped to [0, 1] by
 *
 * <pre>
 * reward = exp(-NIQE(x) / s)          s = {@value #DEFAULT_SCALE} by default; gt is not used
 * </pre>
 *
 * <p>Why this map: it is strictly decreasing in NIQE over the whole of [0, inf) (a lower NIQE always earns
 * more: no clipping plateau where candidates stop being ranked, unlike {@code clip((n_max - NIQE) / (n_max -
 * n_min))}), gives 1 at NIQE = 0 and tends to 0 for unnatural images, and needs one parameter. Its slope is
 * largest for NIQE near s, so s is set where the decisions are: on 8 held-out generated 64 px faces with the
 * default pristine model (B = 16), sharp faces score NIQE 1.97 to 2.82 (mean a = 2.38) and their radius-1
 * box-blurred copies 3.24 to 4.21 (mean b = 3.64); the gap {@code exp(-a/s) - exp(-b/s)} is largest at
 * {@code s = (b - a) / ln(b / a)} = 2.97, rounded to 3 (NiqeModelsTest prints these). Sharp faces then get
 * 0.39 to 0.52, blurred ones 0.25 to 0.34, noisy ones (sigma 0.05 to 0.2, NIQE 5.7 to 16) 0.005 to 0.15.
 *
 * <p>The pristine model comes from a file written by {@link NiqeModel#write} ({@value #OPT_MODEL_PATH}), or,
 * when that is empty, from {@link NiqeModels#cachedFitOnGeneratedFaces} on {@value #OPT_FIT_FACES} generated
 * faces of side {@value #OPT_FIT_RESOLUTION} (block size {@value #OPT_BLOCK_SIZE}, 0 = {@link
 * NiqeModels#blockSizeFor}); such a model scores only images of that side. Thread-safe.
 */
public final class NiqeReward extends PairwiseComponent {
    public static final String NAME = "niqe";
    /** Default s of the map, see the class comment. */
    public static final double DEFAULT_SCALE = 3.0;
    public static final int DEFAULT_FIT_RESOLUTION = 64;

    /** Option keys under {@code lrpo.reward.components.niqe}. */
    public static final String OPT_MODEL_PATH = "model-path";
    public static final String OPT_BLOCK_SIZE = "block-size";
    public static final String OPT_FIT_FACES = "fit-faces";
    public static final String OPT_FIT_RESOLUTION = "fit-resolution";
    public static final String OPT_FIT_SEED = "fit-seed";
    public static final String OPT_SCALE = "scale";

    /**
     * The parsed options: where the pristine model comes from and the map's scale.
     *
     * @param modelPath a model file, or empty to fit on generated faces
     * @param blockSize block size of the fit (0 = {@link NiqeModels#blockSizeFor}); must be 0 with a file
     */
    public record Options(Optional<Path> modelPath, int blockSize, int fitFaces, int fitResolution, long fitSeed,
                          double scale) {
        public Options {
            Objects.requireNonNull(modelPath, "modelPath");
        }

        /** Reads and checks {@code options} without fitting or reading anything. */
        public static Options parse(ComponentOptions options) {
            options.requireOnly(Set.of(OPT_MODEL_PATH, OPT_BLOCK_SIZE, OPT_FIT_FACES, OPT_FIT_RESOLUTION, OPT_FIT_SEED,
                    OPT_SCALE));
            String path = options.string(OPT_MODEL_PATH, "");
            int resolution = options.intIn(OPT_FIT_RESOLUTION, DEFAULT_FIT_RESOLUTION, 32, 4096);
            int block = options.intIn(OPT_BLOCK_SIZE, 0, 0, 4096);
            if (block != 0 && (block < 8 || block % 2 != 0 || 2 * block > resolution)) {
                throw options.invalid(OPT_BLOCK_SIZE, block, "0 or an even number in [8, fit-resolution / 2 = "
                        + resolution / 2 + "] (two blocks must fit in a face)");
            }
            if (!path.isEmpty() && block != 0) {
                throw options.invalid(OPT_BLOCK_SIZE, block, "0 when " + OPT_MODEL_PATH
                        + " is set (the model file carries its block size)");
            }
            return new Options(path.isEmpty() ? Optional.empty() : Optional.of(Paths.get(path)), block,
                    options.intIn(OPT_FIT_FACES, NiqeModels.DEFAULT_FACES, 1, 100_000), resolution,
                    options.longValue(OPT_FIT_SEED, NiqeModels.DEFAULT_SEED),
                    options.doubleIn(OPT_SCALE, DEFAULT_SCALE, 1e-3, 1e6));
        }

        /** Reads the model file or fits (once per JVM) on generated faces. */
        NiqeModel model() {
            if (modelPath.isPresent()) {
                try {
                    return NiqeModel.read(modelPath.get());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read NIQE model file " + modelPath.get(), e);
                }
            }
            int b = blockSize == 0 ? NiqeModels.blockSizeFor(fitResolution) : blockSize;
            return NiqeModels.cachedFitOnGeneratedFaces(fitSeed, fitFaces, fitResolution, b);
        }
    }

    private final NiqeModel model;
    private final double scale;
    private final int fittedSide;

    /** A reward over {@code model}, for images of any size (the caller vouches that the model suits them). */
    public NiqeReward(NiqeModel model, double scale) {
        this(model, scale, 0);
    }

    private NiqeReward(NiqeModel model, double scale, int fittedSide) {
        this.model = Objects.requireNonNull(model, "model");
        if (!(scale > 0 && Double.isFinite(scale))) {
            throw new IllegalArgumentException("niqe scale must be a positive finite number, got " + scale);
        }
        this.scale = scale;
        this.fittedSide = fittedSide;
    }

    /**
     * The registry's factory: see {@link Options#parse} for the options. A model fitted on generated faces
     * only scores images of its {@value #OPT_FIT_RESOLUTION} (other sizes are an error naming that option);
     * a model file carries no resolution, so its images are not checked.
     */
    public static NiqeReward fromOptions(ComponentOptions options) {
        Options o = Options.parse(options);
        return new NiqeReward(o.model(), o.scale(), o.modelPath().isPresent() ? 0 : o.fitResolution());
    }

    /** {@code exp(-niqe / scale)}, strictly decreasing in {@code niqe >= 0}. */
    public static double reward(double niqe, double scale) {
        if (!(niqe >= 0)) {
            throw new IllegalArgumentException("niqe must be >= 0, got " + niqe);
        }
        return Math.exp(-niqe / scale);
    }

    public NiqeModel model() {
        return model;
    }

    public double scale() {
        return scale;
    }

    @Override
    public String name() {
        return NAME;
    }


    @Override
    protected double scorePair(RgbImage x, RgbImage gt, int index) {
        if (fittedSide != 0 && (x.width() != fittedSide || x.height() != fittedSide)) {
            throw new IllegalArgumentException("niqe: restored[" + index + "] is " + x.width() + "x" + x.height()
                    + " but the pristine model was fitted on " + fittedSide + "x" + fittedSide
                    + " generated faces; set lrpo.reward.components.niqe." + OPT_FIT_RESOLUTION
                    + " to the image side or give a " + OPT_MODEL_PATH + " fitted on such images");
        }
        return reward(model.score(x), scale);
    }
}

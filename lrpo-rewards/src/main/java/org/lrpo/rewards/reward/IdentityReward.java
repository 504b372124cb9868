package org.lrpo.rewards.reward;

import java.nio.file.Paths;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.RewardComponent;
import org.lrpo.core.reward.ScoreRange;
import org.lrpo.rewards.faces.FaceDescriptorNet;
import org.lrpo.rewards.faces.FaceModelFiles;
import org.lrpo.rewards.faces.IdentityMetric;

/**
 * The {@code identity} component of METHOD.md §4: the cosine of the face descriptors of x and gt
 * ({@link IdentityMetric}), rescaled to a reward in [0, 1]:
 *
 * <pre>
 * cos    = IdentityMetric(x, gt).cosine                         in [-1, 1]
 * reward = clip((cos - c0) / (1 - c0), 0, 1)                    c0 in [-1, 1)
 * </pre>
 *
 * <p>{@code c0 = -1} gives {@code (cos + 1) / 2}, {@link IdentityMetric#reward}. That mapping wastes its
 * range with this network: the descriptor net puts every face in a narrow cone, so different people
 * already score cos 0.845 to 0.963 (reward 0.92 to 0.98) and the same face at two crops 0.977 to 0.988
 * (measured by the faces port on face-api's demo photos). {@code IdentityRewardTest} measures, on the
 * same 8 demo faces: 56 ordered pairs of different people cos 0.845 to 0.963; the same person as a wider,
 * shifted crop or a blurred, noisy copy cos 0.968 to 0.999. With weights 0.3 each, an identity term moving by a few hundredths is drowned by an
 * SSIM term moving by tenths. {@link #DEFAULT_C0} = 0.8 is the default because:
 * <ul>
 *   <li>it lies below the lowest cosine measured between two different people (0.845), so no real pair
 *       of faces is clipped and, inside [c0, 1], the map is affine: it keeps every ranking and every
 *       ratio of differences between candidates;</li>
 *   <li>its slope 1 / (1 - c0) = 5 is ten times that of (cos + 1) / 2, which spreads those different people
 *       over [0.22, 0.82] and the same person over [0.84, 1], so the term spans a range
 *       comparable to the other components';</li>
 *   <li>only images less like gt than any two different people are (a blob, an empty frame) reach the
 *       floor 0, where a reward has nothing left to rank anyway.</li>
 * </ul>
 * Raise c0 (towards 0.9) for a sharper term, at the cost of clipping dissimilar candidates to 0.
 */
public final class IdentityReward implements RewardComponent {
    public static final String NAME = "identity";
    /** Default {@code c0}: see the class comment for why 0.8. */
    public static final double DEFAULT_C0 = 0.8;
    /** Option keys under {@code lrpo.reward.components.identity}. */
    public static final String OPT_C0 = "c0";
    public static final String OPT_CROP_FRACTION = "crop-fraction";
    public static final String OPT_MODELS_DIR = "models-dir";

    private final IdentityMetric metric;
    private final double c0;
    private final AutoCloseable owned;

    /** A reward over {@code metric}, whose network stays the caller's to close. */
    public IdentityReward(IdentityMetric metric, double c0) {
        this(metric, c0, null);
    }

    private IdentityReward(IdentityMetric metric, double c0, AutoCloseable owned) {
        this.metric = Objects.requireNonNull(metric, "metric");
        if (!(c0 >= -1 && c0 < 1)) {
            throw new IllegalArgumentException("identity c0 must be in [-1, 1), got " + c0);
        }
        this.c0 = c0;
        this.owned = owned;
    }

    /**
     * Loads the descriptor network from {@code files} and owns it ({@link #close()} frees it).
     *
     * @param cropFraction see {@link IdentityMetric#IdentityMetric(FaceDescriptorNet, double)}
     */
    public static IdentityReward load(FaceModelFiles files, double c0, double cropFraction) {
        FaceDescriptorNet net = FaceDescriptorNet.load(files);
        try {
            return new IdentityReward(new IdentityMetric(net, cropFraction), c0, net);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /**
     * The registry's factory: options {@value #OPT_C0} (default {@value #DEFAULT_C0}, in [-1, 1)),
     * {@value #OPT_CROP_FRACTION} (default 1, in (0, 1]) and {@value #OPT_MODELS_DIR} (the face-api
     * cache folder; default or "" = {@link FaceModelFiles#locate()}).
     */
    public static IdentityReward fromOptions(ComponentOptions options) {
        Options o = Options.parse(options);
        FaceModelFiles files = o.modelsDir().isEmpty()
                ? FaceModelFiles.locate()
                : FaceModelFiles.at(Paths.get(o.modelsDir()));
        return load(files, o.c0(), o.cropFraction());
    }

    /**
     * The parsed options, checked without loading the network.
     *
     * @param modelsDir the face-api cache folder, or "" for {@link FaceModelFiles#locate()}
     */
    public record Options(double c0, double cropFraction, String modelsDir) {
        public static Options parse(ComponentOptions options) {
            options.requireOnly(Set.of(OPT_C0, OPT_CROP_FRACTION, OPT_MODELS_DIR));
            return new Options(options.doubleIn(OPT_C0, DEFAULT_C0, -1, Math.nextDown(1.0)),
                    options.doubleIn(OPT_CROP_FRACTION, 1.0, Double.MIN_VALUE, 1.0),
                    options.string(OPT_MODELS_DIR, ""));
        }
    }

    /** {@code clip((cos - c0) / (1 - c0), 0, 1)}. */
    public static double reward(double cosine, double c0) {
        if (Double.isNaN(cosine)) {
            throw new IllegalArgumentException("cosine is NaN");
        }
        return Math.max(0.0, Math.min(1.0, (cosine - c0) / (1 - c0)));
    }

    public double c0() {
        return c0;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScoreRange range() {
        return ScoreRange.UNIT;
    }

    @Override
    public double[] score(List<RgbImage> restored, List<RgbImage> groundTruth) {
        List<IdentityMetric.Score> scores = metric.score(restored, groundTruth);
        double[] out = new double[scores.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = reward(scores.get(i).cosine(), c0);
        }
        return out;
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the face descriptor network failed", e);
            }
        }
    }
}

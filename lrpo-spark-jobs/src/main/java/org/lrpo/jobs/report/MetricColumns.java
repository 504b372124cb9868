package org.lrpo.jobs.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.lrpo.jobs.report.ReportContent.MetricSpec;
import org.lrpo.rewards.reward.RewardSettings;

/**
 * The metric columns of a full-reference report, in table order: the fidelity, identity and no-reference metrics
 * papers in this field report (METHOD 10), the speckle level ({@code FlatRegionNoise}: RMS high-pass noise on the
 * ground truth's flat regions, 8-bit levels; the ground truth's own is about 0), then the composite reward and each of its weighted components
 * ({@code reward_<name>}), whose set depends on the configuration.
 *
 * @param specs every column, in order
 */
public record MetricColumns(List<MetricSpec> specs) implements Serializable {
    public static final String PSNR = "psnr";
    public static final String SSIM = "ssim";
    public static final String MS_SSIM = "ms_ssim";
    public static final String DWT_LOWPASS = "dwt_lowpass_distance";
    public static final String IDENTITY_COSINE = "identity_cosine";
    public static final String IDENTITY_DEGREES = "identity_degrees";
    public static final String LMD = "lmd";
    public static final String NIQE = "niqe";
    public static final String SPECKLE = "speckle";
    public static final String REWARD = "reward";
    /** Prefix of the reward components' columns. */
    public static final String COMPONENT = "reward_";

    /** The metrics that do not depend on the reward's configuration. */
    static final List<MetricSpec> FIXED = List.of(
            new MetricSpec(PSNR, "PSNR (dB)", true, 2),
            new MetricSpec(SSIM, "SSIM", true, 4),
            new MetricSpec(MS_SSIM, "MS-SSIM", true, 4),
            new MetricSpec(DWT_LOWPASS, "DT-CWT lowpass dist.", false, 4),
            new MetricSpec(IDENTITY_COSINE, "identity cos", true, 4),
            new MetricSpec(IDENTITY_DEGREES, "IDS (°)", false, 2),
            new MetricSpec(LMD, "LMD (px)", false, 3),
            new MetricSpec(NIQE, "NIQE", false, 3),
            new MetricSpec(SPECKLE, "speckle", false, 2),
            new MetricSpec(REWARD, "reward", true, 4));

    public MetricColumns {
        specs = List.copyOf(specs);
    }

    /** The fixed metrics, then one column per component the reward weighs (weight above 0), in its order. */
    public static MetricColumns of(RewardSettings reward) {
        List<MetricSpec> all = new ArrayList<>(FIXED);
        reward.weights().forEach((name, weight) -> {
            if (weight > 0) {
                all.add(new MetricSpec(COMPONENT + name, "reward: " + name, true, 4));
            }
        });
        return new MetricColumns(all);
    }

    /**
     * How a column named {@code key} reads, for tables whose columns come from a file rather than the reward's
     * configuration: a fixed metric's spec, a reward component's, else the key itself (higher is better, 4
     * decimals).
     */
    public static MetricSpec describe(String key) {
        return FIXED.stream().filter(m -> m.key().equals(key)).findFirst().orElseGet(() -> key.startsWith(COMPONENT)
                ? new MetricSpec(key, "reward: " + key.substring(COMPONENT.length()), true, 4)
                : new MetricSpec(key, key, true, 4));
    }

    /** The keys, in order. */
    public List<String> keys() {
        return specs.stream().map(MetricSpec::key).toList();
    }

    /** The names of the reward components with a column, in order. */
    public List<String> components() {
        return keys().stream().filter(k -> k.startsWith(COMPONENT)).map(k -> k.substring(COMPONENT.length())).toList();
    }

    /** Column index of {@code key}; throws naming the columns when there is none. */
    public int indexOf(String key) {
        int i = keys().indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException("no metric column '" + key + "'; the columns are " + keys());
        }
        return i;
    }

    public MetricSpec spec(String key) {
        return specs.get(indexOf(key));
    }
}

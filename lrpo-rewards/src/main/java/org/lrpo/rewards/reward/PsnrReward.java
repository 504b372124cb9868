package org.lrpo.rewards.reward;

import java.util.Set;
import org.lrpo.core.image.RgbImage;
import org.lrpo.rewards.metrics.FidelityProtocol;
import org.lrpo.rewards.metrics.Psnr;

/**
 * The {@code psnr} component: PSNR ({@link Psnr}, RGB on [0, 255], in dB) mapped to [0, 1] by
 *
 * <pre>
 * reward = clip(PSNR / maxDb, 0, 1)          maxDb = {@value #DEFAULT_MAX_DB} by default
 * </pre>
 *
 * <p>Why this map: it is linear in dB (the unit papers compare methods in, so a 1 dB gain is worth the same
 * anywhere below the cap and group-normalised advantages see PSNR's own differences), and it saturates where
 * further gains are invisible: 50 dB is an RMS error of 0.8 grey levels, below the 8-bit quantisation step,
 * and identical images ({@code PSNR = +Infinity}) get 1 instead of an infinite reward. Face restoration
 * results lie at 20 to 30 dB (0.4 to 0.6 here), far from both ends. PSNR on [0, 1] inputs is never negative;
 * the lower clip only guards inputs outside [0, 1].
 */
public final class PsnrReward extends PairwiseComponent {
    public static final String NAME = "psnr";
    /** Default saturation point in dB: see the class comment. */
    public static final double DEFAULT_MAX_DB = 50.0;
    /** Option key under {@code lrpo.reward.components.psnr}. */
    public static final String OPT_MAX_DB = "max-db";

    private final double maxDb;

    public PsnrReward(double maxDb) {
        if (!(maxDb > 0 && Double.isFinite(maxDb))) {
            throw new IllegalArgumentException("psnr max-db must be a positive finite number, got " + maxDb);
        }
        this.maxDb = maxDb;
    }

    /** Checks the options without making anything. */
    public static double maxDb(ComponentOptions options) {
        options.requireOnly(Set.of(OPT_MAX_DB));
        return options.doubleIn(OPT_MAX_DB, DEFAULT_MAX_DB, 1.0, 1000.0);
    }

    /** The registry's factory: option {@value #OPT_MAX_DB} (default {@value #DEFAULT_MAX_DB}, in [1, 1000]). */
    public static PsnrReward fromOptions(ComponentOptions options) {
        return new PsnrReward(maxDb(options));
    }

    /** {@code clip(psnr / maxDb, 0, 1)}; {@code +Infinity} (identical images) gives 1. */
    public static double reward(double psnrDb, double maxDb) {
        if (Double.isNaN(psnrDb)) {
            throw new IllegalArgumentException("psnr is NaN");
        }
        return Math.max(0.0, Math.min(1.0, psnrDb / maxDb));
    }

    public double maxDb() {
        return maxDb;
    }

    @Override
    public String name() {
        return NAME;
    }


    @Override
    protected double scorePair(RgbImage x, RgbImage gt, int index) {
        return reward(Psnr.compute(x, gt, FidelityProtocol.RGB), maxDb);
    }
}

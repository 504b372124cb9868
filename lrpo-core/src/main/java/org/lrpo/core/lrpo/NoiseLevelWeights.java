package org.lrpo.core.lrpo;

import org.lrpo.core.config.AdvantageWeighting;

/**
 * Per-step advantage weights, METHOD section 5:
 *
 * <pre>
 *   w_k     = sigma_{tau_k} / mean_m sigma_{tau_m}     (eta = 1 posterior std of step k, all K steps)
 *   Ahat_ik = clip(A_i * w_k, -clip, clip)              (clip = 5)
 * </pre>
 *
 * High-noise steps get up to about 1.6x the advantage, the last clean steps about 0.07x (K = 50 on the
 * scaled-linear schedule). With {@link AdvantageWeighting#FLAT} every w_k is 1.
 */
public final class NoiseLevelWeights {
    private final double[] weights;
    private final double clip;

    private NoiseLevelWeights(double[] weights, double clip) {
        this.weights = weights;
        this.clip = clip;
    }

    /**
     * @param etaOneSigmas sigma_t of each of the K sampler steps at eta = 1, in sampling order
     * @param weighting noise-level weights or the flat ablation
     * @param clip the advantage clip (> 0)
     */
    public static NoiseLevelWeights of(double[] etaOneSigmas, AdvantageWeighting weighting, double clip) {
        if (etaOneSigmas.length == 0) {
            throw new IllegalArgumentException("no sampler steps");
        }
        if (!(clip > 0)) {
            throw new IllegalArgumentException("advantage clip must be > 0, got " + clip);
        }
        double[] w = new double[etaOneSigmas.length];
        if (weighting == AdvantageWeighting.FLAT) {
            java.util.Arrays.fill(w, 1.0);
            return new NoiseLevelWeights(w, clip);
        }
        double sum = 0;
        for (double s : etaOneSigmas) {
            if (!(s >= 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("sigma " + s + " is not a finite non-negative number");
            }
            sum += s;
        }
        double mean = sum / etaOneSigmas.length;
        if (mean <= 0) {
            throw new IllegalArgumentException("all sigmas are zero: noise-level weights are undefined");
        }
        for (int k = 0; k < w.length; k++) {
            w[k] = etaOneSigmas[k] / mean;
        }
        return new NoiseLevelWeights(w, clip);
    }

    /** w_k. */
    public double weight(int step) {
        return weights[step];
    }

    /** A copy of all w_k. */
    public double[] weights() {
        return weights.clone();
    }

    public int steps() {
        return weights.length;
    }

    /** Ahat_ik = clip(A_i * w_k, -clip, clip). */
    public double weightedAdvantage(double advantage, int step) {
        return Math.max(-clip, Math.min(clip, advantage * weights[step]));
    }
}

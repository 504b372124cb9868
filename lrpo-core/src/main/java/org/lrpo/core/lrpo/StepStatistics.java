package org.lrpo.core.lrpo;

import java.io.Serializable;

/**
 * What the samples of one trained step contributed to the objective, as sums over the samples (so
 * shards computed on different executors add up; divide by {@code samples} for means) plus the extreme
 * importance ratios.
 *
 * @param samples how many (sample, step) terms the sums cover
 * @param policyLossSum sum of the clipped surrogate L_pg per sample
 * @param regulariserSum sum of L_reg (0 on steps the regulariser does not cover)
 * @param klSum sum of the reference KL (0 without a reference policy)
 * @param ratioSum sum of the importance ratios rho
 * @param ratioMin smallest rho
 * @param ratioMax largest rho
 * @param clippedCount how many ratios fell outside 1 +- eps
 * @param approxKlSum sum of 0.5 (log rho)^2
 * @param assembledLoss the value of the loss whose gradient was taken, L = share * (L_pg + reg_weight * L_reg +
 *     kl_weight * KL), with share = shard / micro-batch; the shards' values add up to the micro-batch's loss
 * @param gradientRatioSum sum over measured shards of ||reg_weight * grad L_reg|| / ||grad (L_pg + KL)||, each
 *     shard's own gradients (0 unless {@code lrpo.rl.regulariser.measure-gradient-ratio} is on and the
 *     regulariser covers the step)
 * @param gradientRatioCount how many shards {@code gradientRatioSum} covers
 */
public record StepStatistics(int samples, double policyLossSum, double regulariserSum, double klSum, double ratioSum,
                             double ratioMin, double ratioMax, double clippedCount, double approxKlSum,
                             double assembledLoss, double gradientRatioSum, int gradientRatioCount)
        implements Serializable {

    /** The statistics of no samples: the identity of {@link #plus}. */
    public static StepStatistics empty() {
        return new StepStatistics(0, 0, 0, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 0, 0, 0, 0);
    }

    /** The statistics of two disjoint sets of samples together. */
    public StepStatistics plus(StepStatistics o) {
        return new StepStatistics(samples + o.samples, policyLossSum + o.policyLossSum,
                regulariserSum + o.regulariserSum, klSum + o.klSum, ratioSum + o.ratioSum,
                Math.min(ratioMin, o.ratioMin), Math.max(ratioMax, o.ratioMax), clippedCount + o.clippedCount,
                approxKlSum + o.approxKlSum, assembledLoss + o.assembledLoss, gradientRatioSum + o.gradientRatioSum,
                gradientRatioCount + o.gradientRatioCount);
    }
}

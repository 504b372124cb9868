package org.lrpo.core.lrpo;

import java.util.Map;

/**
 * The per-round metrics of METHOD's training loop (one row of the metrics table).
 *
 * @param round 0-based round
 * @param rewardMean mean total reward over every candidate of the round
 * @param rewardStd population std of the total reward (the advantage denominator)
 * @param componentMeans mean of each reward component
 * @param keptGroups groups with a non-zero advantage
 * @param groups all groups of the round
 * @param advantageAbsMean mean |A_i| over kept samples
 * @param ratioMean mean importance ratio over every (sample, step) trained
 * @param ratioMin smallest ratio seen
 * @param ratioMax largest ratio seen
 * @param clipFraction share of (sample, step) ratios outside 1 +- eps
 * @param approxKl mean 0.5 (log rho)^2
 * @param policyLoss mean clipped surrogate per (sample, step)
 * @param regulariser mean L_reg over the steps it applies to (0 when off)
 * @param gradNormMean mean pre-clip gradient norm of the updates
 * @param regulariserGradientRatio mean ||reg_weight * grad L_reg|| / ||grad L_pg|| over the regulariser's steps
 *     (per shard), NaN unless {@code lrpo.rl.regulariser.measure-gradient-ratio} is on
 * @param updates optimiser steps taken
 * @param skippedUpdates updates skipped for NaN/Inf
 * @param rolloutSeconds time sampling candidates
 * @param rewardSeconds time scoring them
 * @param trainSeconds time computing gradients and updating
 */
public record RoundReport(long round, double rewardMean, double rewardStd, Map<String, Double> componentMeans,
                          int keptGroups, int groups, double advantageAbsMean, double ratioMean, double ratioMin,
                          double ratioMax, double clipFraction, double approxKl, double policyLoss,
                          double regulariser, double gradNormMean, double regulariserGradientRatio,
                          int updates, int skippedUpdates,
                          double rolloutSeconds, double rewardSeconds, double trainSeconds) {
    public RoundReport {
        // Insertion order is the component order of the tables.
        componentMeans = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(componentMeans));
    }

    /** The same metrics with other phase times (a distributed trainer measures them after the round). */
    public RoundReport withPhaseSeconds(double rollout, double reward, double train) {
        return new RoundReport(round, rewardMean, rewardStd, componentMeans, keptGroups, groups, advantageAbsMean,
                ratioMean, ratioMin, ratioMax, clipFraction, approxKl, policyLoss, regulariser, gradNormMean,
                regulariserGradientRatio, updates, skippedUpdates, rollout, reward, train);
    }
}

package org.lrpo.core.round;

import org.lrpo.core.lrpo.RoundReport;
import org.lrpo.core.lrpo.StepStatistics;

/** Adds up a round's applied updates into its {@link RoundReport}. */
public final class RoundTally {
    private StepStatistics steps = StepStatistics.empty();
    private double regulariserMeanSum;
    private int regulariserSteps;
    private double gradNormSum;
    private int updates;
    private int skipped;

    public void add(AppliedUpdate u) {
        for (StepStatistics st : u.statistics().perStep()) {
            steps = steps.plus(st);
            if (st.regulariserSum() != 0) {
                regulariserMeanSum += st.regulariserSum() / st.samples();
                regulariserSteps++;
            }
        }
        if (u.result().skipped()) {
            skipped++;
        } else {
            updates++;
            gradNormSum += u.result().gradNorm();
        }
    }

    /** The round's metrics; the phase times are the runner's to measure. */
    public RoundReport report(long round, RewardTable rewards, AdvantagePlan plan, double rolloutSeconds,
                              double rewardSeconds, double trainSeconds) {
        int n = Math.max(1, steps.samples());
        boolean none = steps.samples() == 0;
        return new RoundReport(round, plan.rewardMean(), plan.rewardStd(), rewards.componentMeans(),
                plan.keptGroups(), plan.groups(), plan.advantageAbsMean(), steps.ratioSum() / n,
                none ? 1 : steps.ratioMin(), none ? 1 : steps.ratioMax(), steps.clippedCount() / n,
                steps.approxKlSum() / n, steps.policyLossSum() / n,
                regulariserSteps == 0 ? 0 : regulariserMeanSum / regulariserSteps,
                updates == 0 ? 0 : gradNormSum / updates,
                steps.gradientRatioCount() == 0 ? Double.NaN : steps.gradientRatioSum() / steps.gradientRatioCount(),
                updates, skipped, rolloutSeconds, rewardSeconds,
                trainSeconds);
    }
}

package org.lrpo.core.round;

import java.util.List;
import org.lrpo.core.lrpo.LrpoObjective;
import org.lrpo.core.lrpo.StepStatistics;
import org.lrpo.core.lrpo.TrainingSample;
import org.lrpo.core.optim.ShardGradient;
import org.lrpo.core.train.NetworkParameters;

/**
 * Phase 3 of a round: one shard's share of one optimiser update. For each step k of the update, the
 * gradient of the shard's share of the micro-batch loss ({@link LrpoObjective#accumulate}, normalised
 * by the whole micro-batch), divided by the update's divisor and added in step order; so the shards of
 * a micro-batch, added in shard order, give the single-JVM runner's gradient bit for bit.
 */
public final class GradientPhase {
    private final LrpoObjective objective;
    private final NetworkParameters parameters;

    /** @param parameters the parameters of the policy {@code objective} computes with */
    public GradientPhase(LrpoObjective objective, NetworkParameters parameters) {
        this.objective = objective;
        this.parameters = parameters;
    }

    /**
     * @param shard this shard's index (the order the driver adds shards in)
     * @param samples the micro-batch's samples this shard holds (may be none)
     * @param microBatchSize the whole micro-batch's size
     */
    public ShardGradient<UpdateStatistics> compute(int shard, List<TrainingSample> samples, OptimiserUpdate update,
                                                   int microBatchSize, long round) {
        if (samples.isEmpty()) {
            return new ShardGradient<>(shard, 0, UpdateStatistics.empty(update), new float[0]);
        }
        int size = parameters.trainableLayout().totalSize();
        int[] steps = update.stepIndices();
        float[] sum = new float[size];
        float[] step = steps.length == 1 && update.divisor() == 1 ? sum : new float[size];
        StepStatistics[] stats = new StepStatistics[steps.length];
        for (int j = 0; j < steps.length; j++) {
            parameters.zeroGradients();
            stats[j] = objective.accumulate(samples, steps[j], microBatchSize, round);
            parameters.readGradients(step);
            if (step != sum) {
                for (int i = 0; i < size; i++) {
                    sum[i] += step[i] / update.divisor();
                }
            }
        }
        return new ShardGradient<>(shard, samples.size(), new UpdateStatistics(steps.clone(), stats), sum);
    }
}

package org.lrpo.core.round;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.OptimizerSnapshot;
import org.lrpo.core.checkpoint.RngCoordinates;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.GuardedUpdater;
import org.lrpo.core.optim.GroupedGradients;
import org.lrpo.core.optim.OrderedGradientSum;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.optim.ParameterUpdater;
import org.lrpo.core.optim.ShardGradient;
import org.lrpo.core.train.NetworkParameters;

/**
 * Phase 4 of a round and what the driver keeps between rounds: theta, AdamW with its divergence guard,
 * the round counter and the weights' version. {@link #apply} adds an update's shard gradients in shard
 * order and takes one guarded optimiser step; {@link #restore} and {@link #checkpoint} are the only way
 * a run is resumed or saved, for both runners.
 */
public final class LrpoState {
    private final NetworkParameters parameters;
    private final ParameterSet trainable;
    private final GuardedUpdater updater;
    private final boolean livePolicy;
    private final float[] gradients;
    private long round;
    private long version;

    /**
     * @param policy the driver's policy, holding the starting weights
     * @param livePolicy whether the policy computes with theta after each update (one JVM) or only holds
     *     it for checkpoints (Spark: the executors compute, so the copy is made only when needed)
     */
    public LrpoState(ConditionalDenoiser policy, LrpoParts parts, boolean livePolicy) {
        this.parameters = new NetworkParameters(policy);
        this.trainable = parameters.readTrainable();
        this.updater = parts.newUpdater(parameters);
        this.livePolicy = livePolicy;
        this.gradients = new float[trainable.layout().totalSize()];
    }

    /**
     * Adds the shards of one update in shard order and steps the optimiser on their sum.
     *
     * @param expectedShards every shard must have answered exactly once
     * @param microBatchSize the shards must cover exactly this many samples
     */
    public AppliedUpdate apply(List<ShardGradient<UpdateStatistics>> shards, int expectedShards, OptimiserUpdate update,
                               int microBatchSize) {
        long start = System.nanoTime();
        return step(OrderedGradientSum.sum(shards, expectedShards, gradients), start, update, microBatchSize);
    }

    /** The same from the first level of a tree: the shards' headers and their groups' sums, added in group order. */
    public AppliedUpdate apply(GroupedGradients<UpdateStatistics> grouped, int expectedShards, OptimiserUpdate update,
                               int microBatchSize) {
        long start = System.nanoTime();
        return step(OrderedGradientSum.sum(grouped, expectedShards, gradients), start, update, microBatchSize);
    }

    private AppliedUpdate step(List<ShardGradient<UpdateStatistics>> ordered, long start, OptimiserUpdate update,
                               int microBatchSize) {
        UpdateStatistics stats = UpdateStatistics.empty(update);
        for (ShardGradient<UpdateStatistics> s : ordered) {
            if (s.samples() > 0) {
                stats = stats.merge(s.statistics());
            }
        }
        if (stats.samples() != microBatchSize) {
            throw new IllegalStateException("round " + round + " " + update.describe() + ": shards covered "
                    + stats.samples() + " samples of a micro-batch of " + microBatchSize);
        }
        long sumNanos = System.nanoTime() - start;
        ParameterUpdater.Result result = updater.apply(trainable.flat(), gradients, "round " + round);
        if (!result.skipped()) {
            version++;
            if (livePolicy) {
                parameters.writeTrainable(trainable);
            }
        }
        return new AppliedUpdate(stats, result, sumNanos);
    }

    /** Rounds completed; also the index of the next round. */
    public long completedRounds() {
        return round;
    }

    /** Marks the current round complete. */
    public void finishRound() {
        round++;
    }

    /** Counts the optimiser steps taken, across resumes of this JVM: a new value means new weights. */
    public long version() {
        return version;
    }

    /** A copy of the trained weights, e.g. to broadcast. */
    public float[] trainableValues() {
        return trainable.flat().clone();
    }

    /** Every weight, frozen and trained. */
    public ParameterSet allWeights() {
        if (!livePolicy) {
            parameters.writeTrainable(trainable);
        }
        return parameters.readAll();
    }

    /** Continues from a checkpoint of this run: weights, AdamW state and round; the guard starts afresh. */
    public void restore(CheckpointContents c, String what) {
        parameters.writeAll(c.weights());
        trainable.copyFrom(parameters.readTrainable().flat());
        updater.updater().adamW().restore(c.optimizer().orElseThrow(() -> new IllegalArgumentException(
                what + " has no optimiser state: cannot resume LRPO exactly")).state());
        updater.reset();
        round = c.step();
        version++;
    }

    /** Weights, optimiser state and round, to resume exactly. */
    public CheckpointContents checkpoint(String configText, long seed, Map<String, String> links) {
        return new CheckpointContents(round, new RngCoordinates(seed, round), configText, allWeights(),
                Optional.of(new OptimizerSnapshot(trainable.layout(), updater.updater().adamW().exportState())),
                Optional.empty()).withLinks(links);
    }
}

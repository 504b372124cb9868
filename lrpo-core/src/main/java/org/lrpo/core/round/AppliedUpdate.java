package org.lrpo.core.round;

import org.lrpo.core.optim.ParameterUpdater;

/**
 * One optimiser update as the driver applied it.
 *
 * @param statistics its samples' statistics, merged over shards
 * @param result the optimiser's result (skipped, gradient norm, learning rate)
 * @param sumNanos time spent adding the shard gradients (a distributed runner counts it as overhead)
 */
public record AppliedUpdate(UpdateStatistics statistics, ParameterUpdater.Result result, long sumNanos) {}

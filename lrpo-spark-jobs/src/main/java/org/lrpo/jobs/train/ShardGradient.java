package org.lrpo.jobs.train;

import java.io.Serializable;

/**
 * What one task returns from a gradient stage: the sums over its shard (so shards add up) and the
 * gradient of its summed loss over the trainable weights.
 *
 * @param partition the task's partition, the order the driver adds shards in
 * @param samples samples in the shard (0: nothing computed, {@code gradient} is empty)
 * @param sums the shard's summed statistics (the stage defines their meaning)
 * @param gradient d(shard loss)/d theta, flat; empty when {@code samples} is 0
 */
public record ShardGradient(int partition, int samples, double[] sums, float[] gradient) implements Serializable {}

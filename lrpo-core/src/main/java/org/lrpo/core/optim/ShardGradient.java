package org.lrpo.core.optim;

import java.io.Serializable;

/**
 * One shard's share of one optimiser update: the gradient of its summed loss over the trainable weights
 * and its statistics, both additive over shards. A runner in one JVM has one shard; the Spark job one
 * per partition.
 *
 * @param shard the shard's index, the order the driver adds shards in
 * @param samples samples in the shard (0: nothing computed, {@code gradient} is empty)
 * @param statistics what the stage reports about the shard (e.g. its loss sum), merged by the caller
 * @param gradient d(shard loss)/d theta, flat; empty when {@code samples} is 0
 * @param <S> the stage's statistics type
 */
public record ShardGradient<S extends Serializable>(int shard, int samples, S statistics, float[] gradient)
        implements Serializable {

    /** The same shard without its gradient: what the driver needs once the gradient has been added elsewhere. */
    public ShardGradient<S> header() {
        return new ShardGradient<>(shard, samples, statistics, new float[0]);
    }
}

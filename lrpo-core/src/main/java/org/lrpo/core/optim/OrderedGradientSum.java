package org.lrpo.core.optim;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Adds the shard gradients of one update in shard order.
 *
 * <p>Why not Spark's {@code treeAggregate}: float addition is not associative, and Spark merges partial
 * results in the order tasks finish, so the same inputs could give weights that differ in the last bit
 * from one run (or one retried task) to the next. Summing in shard order makes a run, a resumed run and
 * a run with retried tasks bitwise identical; with one shard it reproduces the single-JVM trainer
 * exactly (0 + g = g). The price is that the driver receives one gradient per partition (P x |theta|
 * floats per update) instead of a tree's few.
 */
public final class OrderedGradientSum {
    private OrderedGradientSum() {}

    /**
     * @param expectedShards every shard 0 .. expectedShards-1 must have answered exactly once
     * @param into receives the sum (overwritten); its length is |theta|
     * @return the shards in shard order (callers merge their statistics in that order too)
     */
    public static <S extends Serializable> List<ShardGradient<S>> sum(List<ShardGradient<S>> shards,
                                                                       int expectedShards, float[] into) {
        if (shards.size() != expectedShards) {
            throw new IllegalStateException("expected " + expectedShards + " shard results, got " + shards.size());
        }
        List<ShardGradient<S>> ordered = shards.stream().sorted(Comparator.comparingInt(ShardGradient::shard)).toList();
        Arrays.fill(into, 0f);
        for (int p = 0; p < ordered.size(); p++) {
            ShardGradient<S> s = ordered.get(p);
            if (s.shard() != p) {
                throw new IllegalStateException("shard " + p + " is missing or answered twice");
            }
            if (s.samples() == 0) {
                continue;
            }
            if (s.gradient().length != into.length) {
                throw new IllegalStateException("shard " + p + " returned " + s.gradient().length
                        + " gradient values, the network has " + into.length + " trainable weights");
            }
            float[] g = s.gradient();
            for (int i = 0; i < into.length; i++) {
                into[i] += g[i];
            }
        }
        return ordered;
    }
}

package org.lrpo.jobs.train;

import java.util.Comparator;
import java.util.List;

/**
 * Adds the shard gradients of one stage on the driver in partition order.
 *
 * <p>Why not {@code treeAggregate}: float addition is not associative, and Spark merges partial results
 * in the order tasks finish, so the same inputs could give weights that differ in the last bit from one
 * run (or one retried task) to the next. Summing in partition order makes a run, a resumed run and a run
 * with retried tasks bitwise identical; with one partition it reproduces the single-JVM trainer exactly
 * (0 + g = g). The price is that the driver receives one gradient per partition (P x |theta| floats per
 * update) instead of a tree's few; see the report for when that matters.
 */
public final class OrderedGradientSum {
    private OrderedGradientSum() {}

    /**
     * @param expectedPartitions every partition must have answered exactly once
     * @param size the gradient length |theta|
     * @param into receives the sum (overwritten)
     * @return the shards in partition order (callers combine their statistics in that order too)
     */
    public static List<ShardGradient> sum(List<ShardGradient> shards, int expectedPartitions, int size, float[] into) {
        if (shards.size() != expectedPartitions) {
            throw new IllegalStateException("expected " + expectedPartitions + " shard results, got " + shards.size());
        }
        List<ShardGradient> ordered = shards.stream().sorted(Comparator.comparingInt(ShardGradient::partition)).toList();
        java.util.Arrays.fill(into, 0f);
        for (int p = 0; p < ordered.size(); p++) {
            ShardGradient s = ordered.get(p);
            if (s.partition() != p) {
                throw new IllegalStateException("partition " + p + " is missing or answered twice");
            }
            if (s.samples() == 0) {
                continue;
            }
            if (s.gradient().length != size) {
                throw new IllegalStateException("partition " + p + " returned " + s.gradient().length
                        + " gradient values, the policy has " + size + " trainable weights");
            }
            float[] g = s.gradient();
            for (int i = 0; i < size; i++) {
                into[i] += g[i];
            }
        }
        return ordered;
    }
}

package org.lrpo.core.optim;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Adds the shard gradients of one update in a fixed order: a tree of fan-in {@code f} whose first level sums
 * shards {@code [g f, (g + 1) f)} in shard order into group {@code g}'s sum (on the executors, in Spark), and
 * whose second level adds the group sums in group order (on the driver). A fan-in of at least the shard count
 * is one group: the flat sum, which the driver can compute alone ({@link #sum(List, int, float[])}).
 *
 * <p>Why not Spark's {@code treeAggregate}: float addition is not associative, and Spark merges partial
 * results in the order tasks finish, so the same inputs could give weights that differ in the last bit
 * from one run (or one retried task) to the next. A fixed order makes a run, a resumed run and a run with
 * retried tasks bitwise identical whatever the fan-in; with one shard it reproduces the single-JVM trainer
 * exactly (0 + g = g). Fan-in trades the driver's input (P x |theta| floats per update when flat, P / f x
 * |theta| with the tree) for one more shuffle stage.
 */
public final class OrderedGradientSum {
    private OrderedGradientSum() {}

    /**
     * The flat sum: the driver adds every shard, in shard order.
     *
     * @param expectedShards every shard 0 .. expectedShards-1 must have answered exactly once
     * @param into receives the sum (overwritten); its length is |theta|
     * @return the shards in shard order (callers merge their statistics in that order too)
     */
    public static <S extends Serializable> List<ShardGradient<S>> sum(List<ShardGradient<S>> shards,
                                                                       int expectedShards, float[] into) {
        return sum(new GroupedGradients<>(shards, Math.max(1, expectedShards), singleton(groupSum(shards))),
                expectedShards, into);
    }

    private static List<float[]> singleton(float[] sum) {
        List<float[]> one = new ArrayList<>(1);
        one.add(sum);
        return one;
    }

    /** The group shard {@code shard} belongs to at fan-in {@code fanIn}. */
    public static int group(int shard, int fanIn) {
        return shard / fanIn;
    }

    /** How many groups {@code shards} shards form at fan-in {@code fanIn}. */
    public static int groups(int shards, int fanIn) {
        return (shards + fanIn - 1) / fanIn;
    }

    /**
     * The tree's first level: one group's gradients added in shard order (from zeros), or null when none of
     * its shards computed anything.
     */
    public static float[] groupSum(List<? extends ShardGradient<?>> members) {
        List<? extends ShardGradient<?>> ordered = members.stream()
                .sorted(Comparator.comparingInt(ShardGradient::shard)).toList();
        float[] sum = null;
        for (ShardGradient<?> s : ordered) {
            if (s.samples() == 0) {
                continue;
            }
            float[] g = s.gradient();
            if (sum == null) {
                sum = new float[g.length];
            } else if (g.length != sum.length) {
                throw new IllegalStateException("shard " + s.shard() + " returned " + g.length
                        + " gradient values, the shards before it " + sum.length);
            }
            for (int i = 0; i < g.length; i++) {
                sum[i] += g[i];
            }
        }
        return sum;
    }

    /**
     * The tree's second level: adds the groups' sums in group order.
     *
     * @param grouped every shard's header and each group's sum
     * @param expectedShards every shard 0 .. expectedShards-1 must have answered exactly once
     * @param into receives the sum (overwritten); its length is |theta|
     * @return the shards in shard order (callers merge their statistics in that order too)
     */
    public static <S extends Serializable> List<ShardGradient<S>> sum(GroupedGradients<S> grouped,
                                                                       int expectedShards, float[] into) {
        List<ShardGradient<S>> shards = grouped.shards();
        int fanIn = grouped.fanIn();
        List<float[]> groupSums = grouped.sums();
        if (shards.size() != expectedShards) {
            throw new IllegalStateException("expected " + expectedShards + " shard results, got " + shards.size());
        }
        List<ShardGradient<S>> ordered = shards.stream().sorted(Comparator.comparingInt(ShardGradient::shard)).toList();
        for (int p = 0; p < ordered.size(); p++) {
            if (ordered.get(p).shard() != p) {
                throw new IllegalStateException("shard " + p + " is missing or answered twice");
            }
        }
        if (groupSums.size() != groups(expectedShards, fanIn)) {
            throw new IllegalStateException(expectedShards + " shards at fan-in " + fanIn + " form "
                    + groups(expectedShards, fanIn) + " groups, got " + groupSums.size() + " group sums");
        }
        Arrays.fill(into, 0f);
        for (int g = 0; g < groupSums.size(); g++) {
            float[] sum = groupSums.get(g);
            if (sum == null) {
                continue;
            }
            if (sum.length != into.length) {
                throw new IllegalStateException("shards " + g * fanIn + ".." + Math.min(expectedShards, (g + 1) * fanIn - 1)
                        + " returned " + sum.length + " gradient values, the network has " + into.length
                        + " trainable weights");
            }
            for (int i = 0; i < into.length; i++) {
                into[i] += sum[i];
            }
        }
        return ordered;
    }
}

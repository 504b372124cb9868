package org.lrpo.jobs.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.lrpo.core.optim.GroupedGradients;
import org.lrpo.core.optim.OrderedGradientSum;
import org.lrpo.core.optim.ShardGradient;
import scala.Tuple2;

/**
 * Brings one update's shard gradients to the driver, flat or through the first level of
 * {@link OrderedGradientSum}'s fixed-order tree ({@code lrpo.spark-train.aggregation-fan-in}).
 *
 * <p>Flat (fan-in 0, or at least the partition count): the driver collects every partition's gradient,
 * P x |theta| floats per update, and adds them in partition order. Tree: a shuffle sends partition p's result
 * to task {@code p / f}, which adds its group's gradients in partition order and returns one sum and the
 * shards' headers; the driver receives ceil(P / f) x |theta| floats and adds the sums in group order. Which
 * task finishes first changes nothing, so retried and speculative tasks give the same bits; a different fan-in
 * is a different (fixed) order of float additions, so it changes the last bits.
 *
 * @param <T> what a gradient task returns (a shard gradient with whatever the caller times it with)
 * @param <S> the shard gradients' statistics type
 */
final class GradientTree<T extends Serializable, S extends Serializable> implements Serializable {
    private final int partitions;
    private final int fanIn;
    private final SerializableFunction<T, ShardGradient<S>> shardOf;
    private final SerializableFunction<T, T> header;

    /** A serialisable function (Spark ships it to the tasks that sum a group). */
    interface SerializableFunction<A, B> extends Function<A, B>, Serializable {}

    /**
     * @param fanIn partitions per group; 0 or at least {@code partitions} = flat
     * @param shardOf the shard gradient inside a task's result
     * @param header the task's result without its gradient (what travels to the driver once summed)
     */
    GradientTree(int partitions, int fanIn, SerializableFunction<T, ShardGradient<S>> shardOf,
                 SerializableFunction<T, T> header) {
        this.partitions = partitions;
        this.fanIn = fanIn <= 0 || fanIn >= partitions ? partitions : fanIn;
        this.shardOf = shardOf;
        this.header = header;
    }

    /** Whether groups are summed by tasks (a tree) rather than all on the driver (flat). */
    private boolean summedByTasks() {
        return fanIn < partitions;
    }

    /** The tasks' results, flat (every gradient) or one summed group per element (headers and group sums). */
    List<Group<T>> collect(JavaRDD<T> results) {
        if (!summedByTasks()) {
            List<T> all = results.collect();
            return List.of(new Group<>(0, all, null));
        }
        int groups = OrderedGradientSum.groups(partitions, fanIn);
        int f = fanIn;
        SerializableFunction<T, ShardGradient<S>> shard = shardOf;
        SerializableFunction<T, T> strip = header;
        return results.mapToPair(t -> new Tuple2<>(OrderedGradientSum.group(shard.apply(t).shard(), f), t))
                .groupByKey(new GroupPartitioner(groups))
                .map(kv -> {
                    List<T> members = new ArrayList<>();
                    kv._2().forEach(members::add);
                    members.sort(Comparator.comparingInt(t -> shard.apply(t).shard()));
                    float[] sum = OrderedGradientSum.groupSum(members.stream().map(shard).toList());
                    return new Group<>(kv._1(), members.stream().map(strip).toList(), sum);
                })
                .collect();
    }

    /**
     * The driver's view of the collected groups as {@link OrderedGradientSum}'s first level: the shards' headers and
     * each group's sum in group order (flat: one group, summed here).
     */
    GroupedGradients<S> grouped(List<Group<T>> groups) {
        List<ShardGradient<S>> all = new ArrayList<>();
        List<float[]> sums = new ArrayList<>();
        for (Group<T> g : groups.stream().sorted(Comparator.comparingInt(Group<T>::index)).toList()) {
            List<ShardGradient<S>> members = g.members().stream().map(shardOf).toList();
            all.addAll(members);
            sums.add(summedByTasks() ? g.sum() : OrderedGradientSum.groupSum(members));
        }
        return new GroupedGradients<>(all, fanIn, sums);
    }

    /** Every task's result in a group list (headers when grouped). */
    static <T extends Serializable> List<T> members(List<Group<T>> groups) {
        return groups.stream().flatMap(g -> g.members().stream()).toList();
    }

    /** One group's task results (stripped of their gradients when summed off the driver) and its sum. */
    record Group<T>(int index, List<T> members, float[] sum) implements Serializable {}

    /** Group g to partition g, so each group is summed by one task of its own. */
    private static final class GroupPartitioner extends Partitioner {
        private final int groups;

        GroupPartitioner(int groups) {
            this.groups = groups;
        }

        @Override
        public int numPartitions() {
            return groups;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GroupPartitioner p && p.groups == groups;
        }

        @Override
        public int hashCode() {
            return groups;
        }
    }
}

package org.lrpo.core.optim;

import java.io.Serializable;
import java.util.List;

/**
 * The first level of {@link OrderedGradientSum}'s tree, as the driver receives it: every shard's header
 * (index, samples, statistics; the gradient may be dropped) and each group's sum, in group order.
 *
 * @param shards every shard's header
 * @param fanIn shards per group
 * @param sums {@link OrderedGradientSum#groupSum} of each group, in group order (null: the group computed nothing)
 */
public record GroupedGradients<S extends Serializable>(List<ShardGradient<S>> shards, int fanIn, List<float[]> sums) {}

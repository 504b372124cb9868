package org.lrpo.jobs.train;

import java.io.Serializable;
import org.lrpo.core.optim.ShardGradient;
import org.lrpo.core.round.UpdateStatistics;

/** What a gradient task returns: its partition's share of one update, and how long it computed. */
record TimedGradient(ShardGradient<UpdateStatistics> shard, TaskTime time) implements Serializable {

    /** Without the gradient, once a {@link GradientTree} group has added it. */
    TimedGradient header() {
        return new TimedGradient(shard.header(), time);
    }
}

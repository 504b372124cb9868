package org.lrpo.core.train;

import java.util.List;

/** Where training pairs come from: the face generator here, a Parquet face dataset in the Spark jobs. */
public interface PairSource {

    /**
     * The pairs of step {@code step}'s batch, samples {@code [from, from + count)}. The same arguments
     * always give the same pairs, so a shard can be recomputed on any worker.
     */
    List<TrainingPair> batch(long step, int from, int count);
}

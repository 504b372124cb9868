package org.lrpo.core.train;

import java.util.List;
import java.util.Map;

/** Where training pairs come from: the face generator here, a Parquet face dataset in the Spark jobs. */
public interface PairSource {

    /**
     * The pairs of step {@code step}'s batch, samples {@code [from, from + count)}. The same arguments
     * always give the same pairs, so a shard can be recomputed on any worker.
     */
    List<TrainingPair> batch(long step, int from, int count);

    /**
     * What the pairs' conditions were made with, recorded in the checkpoints of a network trained on them
     * (see {@link org.lrpo.core.checkpoint.CheckpointContents#links()}): empty for raw degraded pairs.
     */
    default Map<String, String> links() {
        return Map.of();
    }
}

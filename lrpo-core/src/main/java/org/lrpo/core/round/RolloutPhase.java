package org.lrpo.core.round;

import java.util.ArrayList;
import java.util.List;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.lrpo.RolloutCollector;
import org.lrpo.core.train.PairSource;
import org.lrpo.core.train.TrainingPair;

/**
 * Phase 1 of a round: draw faces {@code [from, from + count)} of the round (each degraded once, keyed by
 * the round and the face's index, so any split of a round's faces draws the same ones) and sample G
 * candidates of each under theta_old, keeping every step's latents and log-probabilities.
 */
public final class RolloutPhase {
    private final RolloutCollector collector;
    private final int groupSize;

    RolloutPhase(RolloutCollector collector, int groupSize) {
        this.collector = collector;
        this.groupSize = groupSize;
    }

    public List<FaceGroup> sample(PairSource faces, long round, int from, int count) {
        List<TrainingPair> pairs = faces.batch(round, from, count);
        List<FaceGroup> groups = new ArrayList<>(pairs.size());
        for (TrainingPair p : pairs) {
            groups.add(collector.collect(p, round, groupSize));
        }
        return groups;
    }
}

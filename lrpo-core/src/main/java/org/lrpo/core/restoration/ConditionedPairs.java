package org.lrpo.core.restoration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lrpo.core.train.PairSource;
import org.lrpo.core.train.TrainingPair;

/**
 * The pairs of another source with the diffusion policy's condition set to {@code R(lq)} (METHOD
 * sections 1 and 7): what the diffusion pre-training, the LRPO rollouts, the re-scoring and the
 * regulariser all read, so they share one condition.
 */
public final class ConditionedPairs implements PairSource {
    private final PairSource degraded;
    private final RestorationModule stage1;

    public ConditionedPairs(PairSource degraded, RestorationModule stage1) {
        this.degraded = Objects.requireNonNull(degraded, "degraded");
        this.stage1 = Objects.requireNonNull(stage1, "stage1");
    }

    @Override
    public List<TrainingPair> batch(long step, int from, int count) {
        return condition(degraded.batch(step, from, count), stage1);
    }

    @Override
    public Map<String, String> links() {
        return Stage1Checkpoints.linkTo(stage1);
    }

    /** {@code pairs} with each condition replaced by {@code R(lq)}. */
    public static List<TrainingPair> condition(List<TrainingPair> pairs, RestorationModule stage1) {
        var clean = stage1.restore(pairs.stream().map(TrainingPair::lq).toList());
        List<TrainingPair> out = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            out.add(pairs.get(i).withCondition(clean.get(i)));
        }
        return out;
    }
}

package org.lrpo.core.lrpo;

import java.util.List;
import org.lrpo.core.diffusion.Rollout;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.train.TrainingPair;

/**
 * One LQ face of a round and its G candidates (METHOD section 3): degraded once, sampled G times.
 * The rollout's trajectories stay in the JVM that sampled them; only rewards leave it.
 *
 * @param pair the ground truth and the round's degraded input
 * @param rollout the G trajectories with their per-step old log-probabilities
 * @param candidates the G restored images, in candidate order
 */
public record FaceGroup(TrainingPair pair, Rollout rollout, List<RgbImage> candidates) {
    public FaceGroup {
        candidates = List.copyOf(candidates);
        if (rollout.trajectories().size() != candidates.size()) {
            throw new IllegalArgumentException("face " + pair.id() + ": " + rollout.trajectories().size()
                    + " trajectories but " + candidates.size() + " candidate images");
        }
    }

    public int groupSize() {
        return candidates.size();
    }
}

package org.lrpo.core.lrpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.lrpo.core.diffusion.DdimSampler;
import org.lrpo.core.diffusion.DdimStep;
import org.lrpo.core.diffusion.NoiseKey;
import org.lrpo.core.diffusion.Rollout;
import org.lrpo.core.diffusion.Trajectory;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.model.ModelSpace;
import org.lrpo.core.train.TrainingPair;

/**
 * Samples the G candidates of one LQ face with the rollout eta (METHOD section 3), conditioned on the
 * pair's condition ({@code R(lq)}, METHOD 1). Candidate c of face
 * f in round r draws its noise from {@code NoiseKey(seed, r, idCoordinate(f), c)}, so any worker
 * reproduces the same trajectories from the same weights.
 */
public final class RolloutCollector {
    private final ConditionalDenoiser policy;
    private final DdimSampler sampler;
    private final long seed;

    public RolloutCollector(ConditionalDenoiser policy, DdimStep step, long seed) {
        if (!(step.eta() > 0)) {
            throw new IllegalArgumentException("rollouts need eta > 0 for log-probabilities, got " + step.eta());
        }
        this.policy = policy;
        this.sampler = new DdimSampler(policy, step);
        this.seed = seed;
    }

    public FaceGroup collect(TrainingPair pair, long round, int groupSize) {
        long face = Seeds.idCoordinate(pair.id());
        List<NoiseKey> keys = new ArrayList<>(groupSize);
        for (int c = 0; c < groupSize; c++) {
            keys.add(new NoiseKey(seed, round, face, c));
        }
        Rollout rollout;
        try (NDManager scope = policy.manager().newSubManager()) {
            NDArray condition = ModelSpace.batch(scope, List.of(pair.condition()));
            rollout = sampler.sample(condition, keys);
        }
        List<RgbImage> images = new ArrayList<>(groupSize);
        for (Trajectory t : rollout.trajectories()) {
            images.add(t.finalImage(pair.hq().width(), pair.hq().height()));
        }
        return new FaceGroup(pair, rollout, images);
    }
}

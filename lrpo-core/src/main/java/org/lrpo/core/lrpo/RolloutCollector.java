package org.lrpo.core.lrpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.lrpo.core.config.FinalImage;
import org.lrpo.core.config.RolloutStart;
import org.lrpo.core.diffusion.ChainStart;
import org.lrpo.core.diffusion.DdimSampler;
import org.lrpo.core.diffusion.DdimStep;
import org.lrpo.core.diffusion.NoiseKey;
import org.lrpo.core.diffusion.Rollout;
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
 *
 * <p>Each chain runs the steps of {@code step}: from pure noise (METHOD), or, when it is the tail of the
 * K-step grid ({@code sampler.rollout-strength} below 1), from the condition noised to its first step's level,
 * the start a restoration at that strength uses ({@link ChainStart}). The image each candidate is rewarded
 * for is the one a restoration returns: the chain's last latent, or the last step's x0_hat
 * ({@link FinalImage}). A group's candidates start from their own noise, or all from candidate 0's
 * ({@link RolloutStart}); the noise of their steps is always their own.
 */
public final class RolloutCollector {
    private final ConditionalDenoiser policy;
    private final DdimSampler sampler;
    private final DdimStep step;
    private final long seed;
    private final boolean startFromCondition;
    private final FinalImage finalImage;
    private final RolloutStart start;

    /** Rollouts of the full chain from pure noise, rewarded on their last latent (METHOD). */
    public RolloutCollector(ConditionalDenoiser policy, DdimStep step, long seed) {
        this(policy, step, seed, false, FinalImage.X_PREV, RolloutStart.PER_CANDIDATE);
    }

    /**
     * @param startFromCondition start from the condition noised to step 0's level rather than pure noise
     * @param finalImage the image a candidate is rewarded for
     * @param start whether the group's candidates share one starting noise
     */
    public RolloutCollector(ConditionalDenoiser policy, DdimStep step, long seed, boolean startFromCondition,
                            FinalImage finalImage, RolloutStart start) {
        if (!(step.eta() > 0)) {
            throw new IllegalArgumentException("rollouts need eta > 0 for log-probabilities, got " + step.eta());
        }
        this.policy = policy;
        this.sampler = new DdimSampler(policy, step);
        this.step = step;
        this.seed = seed;
        this.startFromCondition = startFromCondition;
        this.finalImage = finalImage;
        this.start = start;
    }

    public FaceGroup collect(TrainingPair pair, long round, int groupSize) {
        long face = Seeds.idCoordinate(pair.id());
        List<NoiseKey> keys = new ArrayList<>(groupSize);
        List<NoiseKey> startKeys = new ArrayList<>(groupSize);
        for (int c = 0; c < groupSize; c++) {
            keys.add(new NoiseKey(seed, round, face, c));
            startKeys.add(new NoiseKey(seed, round, face, start == RolloutStart.PER_GROUP ? 0 : c));
        }
        DdimSampler.SampledRollout sampled;
        try (NDManager scope = policy.manager().newSubManager()) {
            NDArray condition = ModelSpace.batch(scope, List.of(pair.condition()));
            int d = policy.config().elementsPerImage();
            float[] shared = startFromCondition ? ModelSpace.values(pair.condition()) : null;
            float[] x = startFromCondition
                    ? ChainStart.noised(startKeys, d, i -> shared, step.timesteps().alphaBar(0))
                    : ChainStart.pureNoise(startKeys, d);
            sampled = sampler.sampleWithPrediction(condition, keys, x);
        }
        Rollout rollout = sampled.rollout();
        int w = pair.hq().width();
        int h = pair.hq().height();
        List<RgbImage> images = new ArrayList<>(groupSize);
        for (int i = 0; i < groupSize; i++) {
            images.add(finalImage == FinalImage.X0_HAT ? ModelSpace.image(sampled.lastX0Hat(), i, w, h)
                    : rollout.trajectory(i).finalImage(w, h));
        }
        return new FaceGroup(pair, rollout, images);
    }
}

package org.lrpo.core.train;

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

/**
 * Restores LQ faces with the policy: DDIM with the restoration eta (METHOD 2: 0.8; 0 = deterministic),
 * one candidate per face, noise keyed by (seed, face id) so a restoration is reproducible.
 */
public final class Restorer {
    /** Round coordinate of restoration draws, apart from any training round. */
    public static final long RESTORE_ROUND = -1;

    private final ConditionalDenoiser policy;
    private final DdimSampler sampler;
    private final long seed;

    public Restorer(ConditionalDenoiser policy, DdimStep step, long seed) {
        this.policy = policy;
        this.sampler = new DdimSampler(policy, step);
        this.seed = seed;
    }

    /** Restores {@code lq.get(i)} (named {@code ids.get(i)}), in batches of {@code batchSize}. */
    public List<RgbImage> restore(List<RgbImage> lq, List<String> ids, int batchSize) {
        if (lq.size() != ids.size()) {
            throw new IllegalArgumentException(lq.size() + " images but " + ids.size() + " ids");
        }
        List<RgbImage> out = new ArrayList<>(lq.size());
        for (int from = 0; from < lq.size(); from += batchSize) {
            int to = Math.min(lq.size(), from + batchSize);
            List<NoiseKey> keys = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                keys.add(new NoiseKey(seed, RESTORE_ROUND, Seeds.idCoordinate(ids.get(i)), 0));
            }
            Rollout rollout;
            try (NDManager scope = policy.manager().newSubManager()) {
                NDArray batch = ModelSpace.batch(scope, lq.subList(from, to));
                rollout = sampler.sample(batch, keys);
            }
            for (int i = from; i < to; i++) {
                Trajectory t = rollout.trajectory(i - from);
                out.add(t.finalImage(lq.get(i).width(), lq.get(i).height()));
            }
        }
        return out;
    }
}

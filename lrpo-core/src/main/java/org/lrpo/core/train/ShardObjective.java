package org.lrpo.core.train;

import java.util.List;

/**
 * A supervised stage's loss over one shard of a step's batch (METHOD 7: the restoration module's pixel
 * loss, or the diffusion model's noise-prediction loss). Returns the <em>sum</em> of the per-sample
 * losses and leaves the gradient of that sum in the network's trainable parameters, so shards computed
 * on different executors add up; the caller divides by the batch size. The draws depend only on (step,
 * global sample index), so any partitioning of a batch gives the same result.
 */
@FunctionalInterface
public interface ShardObjective {

    /**
     * @param firstSample global index of {@code pairs.get(0)} within the step's batch
     * @return the summed loss of the shard; gradients of that sum are in the trainable parameters
     */
    double lossSumAndGradient(List<TrainingPair> pairs, long step, int firstSample);
}

package org.lrpo.jobs.train;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.model.TrainableSet;

/**
 * What every task of one LRPO round shares: the run, the round's theta_old, where faces come from, which
 * round it is and how its faces are split over partitions.
 *
 * @param initial the run's full starting weights, fetched by an executor only when it builds its policy
 * @param thetaOld the weights the round's rollouts sample under
 * @param trainable which of the policy's weights LRPO trains (the broadcast weights' layout)
 * @param reference the KL term's frozen reference weights, null without a KL term
 */
record RoundContext(RunSpec spec, Broadcast<VersionedWeights> initial, Broadcast<VersionedWeights> thetaOld,
                    PairSourceFactory faces, long roundIndex, int partitions, FaultInjection faults,
                    RolloutCacheSettings rolloutCache, TrainableSet trainable, Broadcast<VersionedWeights> reference)
        implements Serializable {

    /** This JVM's policy holding {@code weights}, for one task. */
    ExecutorPolicy lease(VersionedWeights weights) {
        return ExecutorPolicy.acquire(spec, trainable, initial::value, weights);
    }

    /** The faces partition {@code p} owns. */
    ShardRange range(ExecutorPolicy lease, int p) {
        return ShardRange.of(lease.settings().rl().facesPerRound(), partitions, p);
    }

    RolloutCache.Key cacheKey(int partition) {
        return new RolloutCache.Key(spec.runKey(), roundIndex, partition);
    }

    /**
     * Phase 1 for partition {@code p}: samples its faces' candidates under theta_old (the lease must hold
     * theta_old) and keeps them in this JVM for the gradient stages.
     */
    List<FaceGroup> sample(ExecutorPolicy lease, int p) {
        ShardRange range = range(lease, p);
        List<FaceGroup> groups = lease.parts().rollout(lease.policy())
                .sample(faces.create(lease.settings()), roundIndex, range.from(), range.count());
        RolloutCache.put(cacheKey(p), groups, rolloutCache);
        return groups;
    }
}

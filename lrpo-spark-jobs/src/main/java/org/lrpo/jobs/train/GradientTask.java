package org.lrpo.jobs.train;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.round.AdvantagePlan;
import org.lrpo.core.round.CandidateRef;
import org.lrpo.core.round.GradientPhase;
import org.lrpo.core.round.OptimiserUpdate;

/**
 * Phase 3 on one partition: its share of one optimiser update, computed on the trajectories the
 * partition's rollout task left in this JVM (or sampled again from theta_old when they are gone).
 */
final class GradientTask implements Function2<Integer, Iterator<ShardRewards>, Iterator<TimedGradient>> {
    private final RoundContext round;
    private final Broadcast<VersionedWeights> theta;
    private final Broadcast<double[][]> advantages;
    private final Work work;

    /**
     * One update of one micro-batch.
     *
     * @param microBatch the micro-batch's candidates, over all partitions
     * @param microIndex the micro-batch's index in the round (names injected faults)
     * @param lastUse    the round's last gradient stage: the task frees its partition's trajectories, so the
     *                   round needs no job of its own to release them
     */
    record Work(List<CandidateRef> microBatch, OptimiserUpdate update, long microIndex, boolean lastUse)
            implements Serializable {}

    GradientTask(RoundContext round, Broadcast<VersionedWeights> theta, Broadcast<double[][]> advantages, Work work) {
        this.round = round;
        this.theta = theta;
        this.advantages = advantages;
        this.work = work;
    }

    @Override
    public Iterator<TimedGradient> call(Integer partition, Iterator<ShardRewards> ignored) {
        round.faults().maybeFail("gradient", round.roundIndex(),
                work.microIndex() * 1000 + work.update().stepIndices()[0], partition);
        if (round.faults().dropRolloutCache()) {
            RolloutCache.dropRun(round.spec().runKey());
        }
        try (ExecutorPolicy lease = round.lease(theta.value())) {
            ShardRange range = round.range(lease, partition);
            List<CandidateRef> mine = work.microBatch().stream().filter(c -> range.contains(c.face())).toList();
            long start = System.nanoTime();
            Set<Integer> needed = new HashSet<>();
            mine.forEach(c -> needed.add(c.face() - range.from()));
            List<FaceGroup> groups = mine.isEmpty() ? List.of()
                    : RolloutCache.get(round.cacheKey(partition), needed).orElseGet(() -> resample(lease, partition));
            Broadcast<VersionedWeights> reference = round.reference();
            GradientPhase phase = new GradientPhase(lease.parts().objective(lease.policy(),
                    lease.reference(reference == null ? null : reference::value), lease.engine()), lease.parameters());
            TimedGradient gradient = new TimedGradient(phase.compute(partition, AdvantagePlan.samples(mine, groups,
                    range.from(), advantages.value()), work.update(), work.microBatch().size(), round.roundIndex()),
                    TaskTime.since(start));
            if (work.lastUse()) {
                RolloutCache.release(round.cacheKey(partition));
            }
            return List.of(gradient).iterator();
        }
    }

    /** The trajectories were not in this JVM (or their spill file was unreadable): the same draws again. */
    private List<FaceGroup> resample(ExecutorPolicy lease, int partition) {
        RolloutCache.countRecompute();
        lease.use(round.thetaOld().value());
        List<FaceGroup> groups = round.sample(lease, partition);
        lease.use(theta.value());
        return groups;
    }
}

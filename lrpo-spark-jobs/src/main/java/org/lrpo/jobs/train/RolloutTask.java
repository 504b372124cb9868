package org.lrpo.jobs.train;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.round.RewardTable;

/** Phase 1 on one partition: its faces' candidates (kept in this JVM) and their rewards (returned). */
final class RolloutTask implements Function2<Integer, Iterator<Integer>, Iterator<ShardRewards>> {
    private final RoundContext round;
    private final RewardFactory reward;

    RolloutTask(RoundContext round, RewardFactory reward) {
        this.round = round;
        this.reward = reward;
    }

    @Override
    public Iterator<ShardRewards> call(Integer partition, Iterator<Integer> ignored) {
        round.faults().maybeFail("rollout", round.roundIndex(), 0, partition);
        try (ExecutorPolicy lease = round.lease(round.thetaOld().value())) {
            long start = System.nanoTime();
            if (round.range(lease, partition).count() == 0) {
                return List.of(new ShardRewards(partition, RewardTable.empty(), 0, TaskTime.since(start))).iterator();
            }
            List<FaceGroup> groups = round.sample(lease, partition);
            long rolloutNanos = System.nanoTime() - start;
            RewardTable rewards = RewardTable.score(groups, lease.reward(reward));
            return List.of(new ShardRewards(partition, rewards, rolloutNanos, TaskTime.since(start))).iterator();
        }
    }
}

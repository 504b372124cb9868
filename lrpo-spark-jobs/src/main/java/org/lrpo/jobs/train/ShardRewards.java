package org.lrpo.jobs.train;

import java.io.Serializable;
import org.lrpo.core.round.RewardTable;

/**
 * What a rollout task returns: its partition's rewards (the trajectories stay on the executor), and how
 * long it spent sampling and in all.
 */
record ShardRewards(int partition, RewardTable rewards, long rolloutNanos, TaskTime time) implements Serializable {}

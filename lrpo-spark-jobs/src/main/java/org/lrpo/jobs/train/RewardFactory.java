package org.lrpo.jobs.train;

import java.io.Serializable;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.reward.Reward;

/** Builds the run's reward inside an executor (once per JVM and run; see {@link ExecutorPolicy#reward}). */
@FunctionalInterface
public interface RewardFactory extends Serializable {
    Reward create(LrpoSettings settings);
}

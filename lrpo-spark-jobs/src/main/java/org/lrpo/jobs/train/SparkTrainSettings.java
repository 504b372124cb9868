package org.lrpo.jobs.train;

import org.lrpo.core.config.SettingsReader;

/**
 * How the Spark training jobs distribute their work, section {@code lrpo.spark-train}.
 *
 * @param partitions tasks per training stage (0 = Spark's default parallelism); one task slot per
 *     executor JVM is the intended layout (see {@link RolloutCache}, {@link ExecutorPolicy})
 * @param dataset Parquet face dataset to train on (train split), empty = the seeded face generator
 * @param faults test-only fault injection, off by default
 */
public record SparkTrainSettings(int partitions, String dataset, FaultInjection faults) {

    public static SparkTrainSettings read(SettingsReader r) {
        return new SparkTrainSettings(
                r.intIn("lrpo.spark-train.partitions", 0, 100_000),
                r.string("lrpo.spark-train.dataset"),
                new FaultInjection(r.doubleIn("lrpo.spark-train.faults.task-failure-rate", 0.0, 0.5),
                        r.bool("lrpo.spark-train.faults.drop-rollout-cache")));
    }
}

package org.lrpo.jobs.train;

import org.lrpo.core.config.SettingsReader;

/**
 * How the Spark training jobs distribute their work, section {@code lrpo.spark-train}.
 *
 * @param partitions tasks per training stage (0 = Spark's default parallelism); one task slot per
 *     executor JVM is the intended layout (see {@link RolloutCache}, {@link ExecutorPolicy})
 * @param dataset Parquet face dataset to train on (train split), empty = the seeded face generator
 * @param rolloutCache the executors' memory budget for cached trajectories and where they spill
 * @param faults test-only fault injection, off by default
 * @param aggregationFanIn partitions whose gradients one task adds before the driver adds the groups' sums
 *     (0 = flat: the driver adds every partition's; see {@link GradientTree})
 */
public record SparkTrainSettings(int partitions, String dataset, double maxDatasetMb,
                                 RolloutCacheSettings rolloutCache, FaultInjection faults, int aggregationFanIn) {
    private static final String SPILL_DIR = "lrpo.spark-train.rollout-cache.spill-dir";

    public static SparkTrainSettings read(SettingsReader r) {
        String spillDir = r.string(SPILL_DIR);
        r.require(!spillDir.contains("://"), SPILL_DIR + " = \"" + spillDir + "\" is not allowed: expected a local "
                + "folder of each executor (a path, not a URI), or empty for the executor's Spark scratch folder");
        return new SparkTrainSettings(
                r.intIn("lrpo.spark-train.partitions", 0, 100_000),
                r.string("lrpo.spark-train.dataset"),
                r.doubleIn("lrpo.spark-train.max-dataset-mb", 0.001, 65536),
                new RolloutCacheSettings(r.intIn("lrpo.spark-train.rollout-cache.memory-mb", 0, 1 << 20), spillDir),
                new FaultInjection(r.doubleIn("lrpo.spark-train.faults.task-failure-rate", 0.0, 0.5),
                        r.bool("lrpo.spark-train.faults.drop-rollout-cache")),
                r.intIn("lrpo.spark-train.aggregation-fan-in", 0, 100_000));
    }
}

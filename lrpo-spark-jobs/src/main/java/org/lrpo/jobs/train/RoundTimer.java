package org.lrpo.jobs.train;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.lrpo.jobs.spark.ProcessMemory;

/**
 * Splits one LRPO round's wall time on the driver into the work itself and Spark's overhead (BENCHMARKS.md).
 *
 * <p>A stage's compute is its critical path: the busiest executor JVM's summed task compute (tasks in one
 * JVM take turns on its one policy, so their times add; different JVMs run in parallel). Driver compute is
 * the advantages and the optimiser steps. Everything else in the wall time is Spark overhead: scheduling,
 * broadcasting and loading weights, (de)serialising closures and results, adding the shard gradients, and
 * the release job.
 */
final class RoundTimer {
    private final long start = System.nanoTime();
    private long rollout;
    private long reward;
    private long gradient;
    private long driver;
    private long aggregation;
    private int stages;
    private long executorPeakRss = -1;

    /** A rollout stage: {@code rolloutNanos} of each task is its sampling share of the task's compute. */
    void rolloutStage(Collection<ShardRewards> shards) {
        Map<String, long[]> perExecutor = new HashMap<>();
        for (ShardRewards s : shards) {
            long[] t = perExecutor.computeIfAbsent(s.time().executor(), e -> new long[2]);
            t[0] += s.rolloutNanos();
            t[1] += s.time().computeNanos() - s.rolloutNanos();
            peak(s.time());
        }
        long[] busiest = perExecutor.values().stream().max((a, b) -> Long.compare(a[0] + a[1], b[0] + b[1]))
                .orElse(new long[2]);
        rollout += busiest[0];
        reward += busiest[1];
        stages++;
    }

    void gradientStage(Collection<TaskTime> tasks) {
        Map<String, Long> perExecutor = new HashMap<>();
        for (TaskTime t : tasks) {
            perExecutor.merge(t.executor(), t.computeNanos(), Long::sum);
            peak(t);
        }
        gradient += perExecutor.values().stream().mapToLong(Long::longValue).max().orElse(0);
        stages++;
    }

    void driverCompute(long nanos) {
        driver += nanos;
    }

    void aggregation(long nanos) {
        aggregation += nanos;
    }

    private void peak(TaskTime t) {
        executorPeakRss = Math.max(executorPeakRss, t.peakRssBytes());
    }

    SparkRoundTiming finish() {
        double wall = (System.nanoTime() - start) / 1e9;
        double compute = (rollout + reward + gradient + driver) / 1e9;
        double overhead = Math.max(0, wall - compute);
        return new SparkRoundTiming(wall, rollout / 1e9, reward / 1e9, gradient / 1e9, driver / 1e9, overhead,
                wall > 0 ? overhead / wall : 0, aggregation / 1e9, stages, megabytes(executorPeakRss),
                megabytes(ProcessMemory.peakRssBytes()));
    }

    private static double megabytes(long bytes) {
        return bytes < 0 ? -1 : bytes / (1024.0 * 1024.0);
    }
}

package org.lrpo.jobs.train;

/**
 * Where one LRPO round's time went on Spark (see {@link RoundTimer}); written with each metrics row.
 *
 * @param wallSeconds the round, end to end, on the driver
 * @param rolloutSeconds sampling the candidates (critical path over executor JVMs)
 * @param rewardSeconds scoring them (same)
 * @param gradientSeconds the policy-gradient stages (same)
 * @param driverSeconds advantages and optimiser steps on the driver
 * @param overheadSeconds the rest: Spark's scheduling, broadcasts, weight loading, serialization, aggregation
 * @param overheadShare overheadSeconds / wallSeconds
 * @param aggregationSeconds the part of the overhead spent adding shard gradients on the driver
 * @param sparkStages training stages run (rollout + one per gradient step)
 * @param executorPeakRssMb largest peak RSS any executor JVM reported so far (-1 unknown)
 * @param driverPeakRssMb the driver JVM's peak RSS so far (-1 unknown)
 */
public record SparkRoundTiming(double wallSeconds, double rolloutSeconds, double rewardSeconds,
                               double gradientSeconds, double driverSeconds, double overheadSeconds,
                               double overheadShare, double aggregationSeconds, int sparkStages,
                               double executorPeakRssMb, double driverPeakRssMb) {}

package org.lrpo.jobs.train;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.lrpo.core.random.Seeds;

/**
 * Test-only faults ({@code lrpo.spark-train.faults.*}, off by default) that prove a run's result does not
 * depend on retries or on where tasks ran.
 *
 * @param taskFailureRate share of tasks that throw on their first attempt, chosen by a hash of
 *     (stage, round, index, partition) so the same tasks fail in every run; Spark retries them
 *     ({@code spark.task.maxFailures} must be > 1)
 * @param dropRolloutCache executors forget cached trajectories before each gradient task, which forces
 *     the recompute-from-theta_old path
 */
public record FaultInjection(double taskFailureRate, boolean dropRolloutCache) implements Serializable {

    private static final java.util.concurrent.atomic.AtomicLong INJECTED = new java.util.concurrent.atomic.AtomicLong();

    /** Failures injected in this JVM so far (tests check that the switch did something). */
    public static long injectedSoFar() {
        return INJECTED.get();
    }

    public static FaultInjection none() {
        return new FaultInjection(0, false);
    }

    /** Throws if this (stage, coordinates, partition) is chosen to fail and this is its first attempt. */
    public void maybeFail(String stage, long round, long index, int partition) {
        if (taskFailureRate <= 0) {
            return;
        }
        TaskContext task = TaskContext.get();
        if (task == null || task.attemptNumber() > 0) {
            return;
        }
        long h = Seeds.derive(0, "fault-" + stage, round, index, partition);
        double u = (h >>> 11) * 0x1.0p-53;
        if (u < taskFailureRate) {
            INJECTED.incrementAndGet();
            throw new InjectedFailure("injected failure: " + stage + " at round/step " + round + ", index " + index
                    + " partition " + partition + " (attempt 0)");
        }
    }

    /** The exception an injected fault throws. */
    public static final class InjectedFailure extends RuntimeException {
        public InjectedFailure(String message) {
            super(message);
        }
    }
}

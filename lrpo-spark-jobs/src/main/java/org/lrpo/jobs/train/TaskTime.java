package org.lrpo.jobs.train;

import java.io.Serializable;
import org.apache.spark.SparkEnv;
import org.lrpo.jobs.spark.ProcessMemory;

/**
 * How long a training task computed (sampling, scoring or gradients, not waiting for or loading weights)
 * and in which executor JVM, so the driver can split a round into compute and Spark overhead.
 *
 * @param executor Spark's executor id ("driver" in local mode)
 * @param computeNanos time spent in the task's own work
 * @param peakRssBytes the executor JVM's peak resident memory so far (-1 if unknown)
 */
record TaskTime(String executor, long computeNanos, long peakRssBytes) implements Serializable {

    static TaskTime since(long startNanos) {
        SparkEnv env = SparkEnv.get();
        return new TaskTime(env == null ? "driver" : env.executorId(), System.nanoTime() - startNanos,
                ProcessMemory.peakRssBytes());
    }
}

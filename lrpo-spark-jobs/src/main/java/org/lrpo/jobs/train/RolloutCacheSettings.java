package org.lrpo.jobs.train;

import java.io.Serializable;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;

/**
 * How much of a round's trajectories an executor JVM keeps in memory and where it spills the rest,
 * section {@code lrpo.spark-train.rollout-cache} (see {@link RolloutCache}).
 *
 * @param memoryMb the JVM's in-memory budget for cached trajectories, in MiB; 0 spills every partition
 * @param spillDir local folder of each executor for spill files; empty = the executor's Spark scratch
 *     folder (outside Spark: {@code java.io.tmpdir})
 */
public record RolloutCacheSettings(int memoryMb, String spillDir) implements Serializable {

    /**
     * Share of a JVM's maximum heap the cache may hold at most, whatever {@code memory-mb} says: the budget is
     * outside Spark's memory manager, and Spark's default executor heap (1 GiB) is below the default budget.
     */
    public static final double MAX_HEAP_SHARE = 0.4;

    /** The configured budget. */
    public long memoryBytes() {
        return memoryMb * 1024L * 1024L;
    }

    /** The budget a JVM with this maximum heap uses: the configured one, capped at {@link #MAX_HEAP_SHARE} of it. */
    public long memoryBytes(long maxHeapBytes) {
        return Math.min(memoryBytes(), (long) (MAX_HEAP_SHARE * maxHeapBytes));
    }

    /** The budget in this JVM ({@link Runtime#maxMemory()}). */
    public long effectiveMemoryBytes() {
        return memoryBytes(Runtime.getRuntime().maxMemory());
    }

    /** The folder this JVM spills to, resolved where it runs (an executor's scratch folder is its own). */
    public Path spillDirectory() {
        if (!spillDir.isBlank()) {
            return Path.of(spillDir);
        }
        // On an executor this is its working folder, which the cluster manager owns and cleans with the
        // application (standalone: spark.worker.cleanup.*; YARN: the container folder); in local mode, the
        // driver's temporary folder.
        String root = SparkEnv.get() != null ? SparkFiles.getRootDirectory() : System.getProperty("java.io.tmpdir");
        return Path.of(root, "lrpo-rollout-cache").toAbsolutePath();
    }
}

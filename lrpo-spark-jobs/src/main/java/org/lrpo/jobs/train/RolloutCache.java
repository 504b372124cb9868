package org.lrpo.jobs.train;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lrpo.core.lrpo.FaceGroup;

/**
 * The trajectories of a round, kept in the executor JVM that sampled them (ARCHITECTURE: trajectories
 * never go to the driver), keyed by (run, round, partition).
 *
 * <p>Executor layout assumption: each partition's gradient tasks find their trajectories here only if
 * they run in the JVM that ran the partition's rollout task. The gradient stages are built on the
 * persisted rollout RDD, so Spark's locality preferences send them there (waiting up to
 * {@code spark.locality.wait}); when that fails (a retried task, a lost executor, an
 * uneven schedule) the task recomputes the partition's rollouts from the round's broadcast theta_old and
 * the same seeds, which gives the same trajectories bit for bit, so the result never depends on where a
 * task ran. In {@code local[N]} every partition lives in the one JVM. Entries of older rounds of the same
 * run are dropped whenever a newer round stores its own, and the driver releases each round when it ends,
 * so memory holds at most one round per run.
 */
public final class RolloutCache {
    /** The cache key. */
    public record Key(String runKey, long round, int partition) {}

    private static final ConcurrentHashMap<Key, List<FaceGroup>> GROUPS = new ConcurrentHashMap<>();

    private static final java.util.concurrent.atomic.AtomicLong RECOMPUTES = new java.util.concurrent.atomic.AtomicLong();

    private RolloutCache() {}

    /** Counts a gradient task that had to resample its partition's trajectories. */
    static void countRecompute() {
        RECOMPUTES.incrementAndGet();
    }

    /** Partitions whose trajectories were resampled in this JVM (cache misses), all runs. */
    public static long recomputes() {
        return RECOMPUTES.get();
    }

    public static void put(Key key, List<FaceGroup> groups) {
        GROUPS.keySet().removeIf(k -> k.runKey().equals(key.runKey()) && k.round() < key.round());
        GROUPS.put(key, List.copyOf(groups));
    }

    public static Optional<List<FaceGroup>> get(Key key) {
        return Optional.ofNullable(GROUPS.get(key));
    }

    /** Drops every round up to and including {@code round} of the run. */
    public static void release(String runKey, long round) {
        GROUPS.keySet().removeIf(k -> k.runKey().equals(runKey) && k.round() <= round);
    }

    /** Drops everything of the run (test-only fault: forces the recompute path). */
    public static void dropRun(String runKey) {
        GROUPS.keySet().removeIf(k -> k.runKey().equals(runKey));
    }

    /** Cached partitions in this JVM, all runs. */
    public static int size() {
        return GROUPS.size();
    }
}

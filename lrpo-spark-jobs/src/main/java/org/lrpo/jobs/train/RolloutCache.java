package org.lrpo.jobs.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.lrpo.core.diffusion.Trajectory;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.lrpo.FaceGroup;

/**
 * The trajectories of a round, kept in the executor JVM that sampled them (ARCHITECTURE: trajectories
 * never go to the driver, they stay in executor memory or spill), keyed by (run, round, partition).
 *
 * <p>Executor layout assumption: each partition's gradient tasks find their trajectories here only if
 * they run in the JVM that ran the partition's rollout task. The gradient stages are built on the
 * persisted rollout RDD, so Spark's locality preferences send them there (waiting up to
 * {@code spark.locality.wait}); when that fails (a retried task, a lost executor, an
 * uneven schedule) the task recomputes the partition's rollouts from the round's broadcast theta_old and
 * the same seeds, which gives the same trajectories bit for bit, so the result never depends on where a
 * task ran. In {@code local[N]} every partition lives in the one JVM. Entries of older rounds of the same
 * run are dropped whenever a newer round stores its own, a round's last gradient task on a partition
 * releases that partition's entry, and the driver releases what is left when the run ends, so the cache holds
 * at most one round per run.
 *
 * <p>Memory: a partition is kept in memory while the JVM's cached trajectories (latents, log-probs and
 * images, counted as their float payload) stay within {@link RolloutCacheSettings#effectiveMemoryBytes()} (the
 * configured budget, capped at a share of the JVM's heap);
 * beyond it the whole partition is written to a {@link RolloutSpillFile} in the spill folder and read
 * back on every {@link #get}. Dropping or releasing an entry deletes its file. A spill file that is
 * missing or fails its checks is a cache miss, so its partition is resampled like a lost one.
 */
public final class RolloutCache {
    /** The cache key. */
    public record Key(String runKey, long round, int partition) {}

    private sealed interface Entry permits InMemory, Spilled {}

    private record InMemory(List<FaceGroup> groups, long bytes) implements Entry {}

    private record Spilled(Path file) implements Entry {}

    private static final ConcurrentHashMap<Key, Entry> ENTRIES = new ConcurrentHashMap<>();
    private static final AtomicLong BYTES_IN_MEMORY = new AtomicLong();
    private static final AtomicLong RECOMPUTES = new AtomicLong();
    private static final AtomicLong SPILLED_PARTITIONS = new AtomicLong();
    private static final AtomicLong SPILLED_BYTES = new AtomicLong();
    /** Spill folders this JVM has already swept of dead JVMs' files. */
    private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();
    private static final String PID_PREFIX = "pid";
    private static final String SUFFIX = ".rollouts";

    private RolloutCache() {}

    /** Counts a gradient task that had to resample its partition's trajectories. */
    static void countRecompute() {
        RECOMPUTES.incrementAndGet();
    }

    /** Partitions whose trajectories were resampled in this JVM (cache misses), all runs. */
    public static long recomputes() {
        return RECOMPUTES.get();
    }

    /** Partitions written to spill files in this JVM, all runs. */
    public static long spilledPartitions() {
        return SPILLED_PARTITIONS.get();
    }

    /** Bytes written to spill files in this JVM, all runs. */
    public static long spilledBytes() {
        return SPILLED_BYTES.get();
    }

    /** Payload bytes of the partitions held in memory now, all runs. */
    public static long bytesInMemory() {
        return BYTES_IN_MEMORY.get();
    }

    /**
     * Stores a partition's groups, in memory if the budget allows, else in a spill file.
     *
     * @throws UncheckedIOException if the spill file cannot be written (the task fails and Spark retries it)
     */
    public static void put(Key key, List<FaceGroup> groups, RolloutCacheSettings settings) {
        removeIf(k -> k.runKey().equals(key.runKey()) && k.round() < key.round());
        List<FaceGroup> copy = List.copyOf(groups);
        long bytes = payloadBytes(copy);
        Entry entry = reserve(bytes, settings.effectiveMemoryBytes()) ? new InMemory(copy, bytes)
                : spill(key, copy, settings);
        discard(ENTRIES.put(key, entry));
    }

    public static Optional<List<FaceGroup>> get(Key key) {
        return get(key, null);
    }

    /**
     * The partition's groups; of a spilled partition only those at {@code wanted} (positions in the partition;
     * null: all) are read back, the others are null in the list. A gradient task needs only its micro-batch's.
     */
    public static Optional<List<FaceGroup>> get(Key key, java.util.Set<Integer> wanted) {
        Entry entry = ENTRIES.get(key);
        if (entry instanceof InMemory m) {
            return Optional.of(m.groups());
        }
        if (entry instanceof Spilled s) {
            try {
                return Optional.of(RolloutSpillFile.read(s.file(), wanted));
            } catch (IOException e) {
                if (ENTRIES.remove(key, entry)) {
                    discard(entry);
                }
            }
        }
        return Optional.empty();
    }

    /** Drops one partition's trajectories, in memory or spilled. */
    public static void release(Key key) {
        removeIf(key::equals);
    }

    /** Drops every round up to and including {@code round} of the run. */
    public static void release(String runKey, long round) {
        removeIf(k -> k.runKey().equals(runKey) && k.round() <= round);
    }

    /** Drops everything of the run (test-only fault: forces the recompute path). */
    public static void dropRun(String runKey) {
        removeIf(k -> k.runKey().equals(runKey));
    }

    /** Cached partitions in this JVM, in memory or spilled, all runs. */
    public static int size() {
        return ENTRIES.size();
    }

    /** Latents, log-probabilities and images as floats: what holding the groups costs beyond object headers. */
    static long payloadBytes(List<FaceGroup> groups) {
        long bytes = 0;
        for (FaceGroup g : groups) {
            bytes += 4L * (g.pair().hq().size() + g.pair().lq().size() + g.pair().condition().size());
            for (Trajectory t : g.rollout().trajectories()) {
                bytes += t.payloadBytes();
            }
            for (RgbImage c : g.candidates()) {
                bytes += 4L * c.size();
            }
        }
        return bytes;
    }

    private static boolean reserve(long bytes, long budget) {
        while (true) {
            long used = BYTES_IN_MEMORY.get();
            if (used + bytes > budget) {
                return false;
            }
            if (BYTES_IN_MEMORY.compareAndSet(used, used + bytes)) {
                return true;
            }
        }
    }

    private static Spilled spill(Key key, List<FaceGroup> groups, RolloutCacheSettings settings) {
        Path dir = settings.spillDirectory();
        // Unique per write: two JVMs sharing a spill folder, or a recompute racing its original, never
        // replace or delete each other's files. The pid lets a later JVM tell a crashed one's leftovers.
        Path file = dir.resolve(PID_PREFIX + ProcessHandle.current().pid() + "-round" + key.round() + "-partition"
                + key.partition() + "-" + UUID.randomUUID() + SUFFIX);
        try {
            RolloutSpillFile.createPrivateDirectory(dir);
            if (SWEPT.add(dir.toAbsolutePath().normalize())) {
                sweepDeadJvms(dir);
            }
            SPILLED_BYTES.addAndGet(RolloutSpillFile.write(file, groups));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill the trajectories of " + key + " to " + file
                    + " (lrpo.spark-train.rollout-cache.spill-dir): " + e.getMessage(), e);
        }
        SPILLED_PARTITIONS.incrementAndGet();
        return new Spilled(file);
    }

    /**
     * Deletes the spill files (and their temporaries) of JVMs on this host that are no longer running: an executor
     * that crashed never deleted its own, and a spill folder set by configuration outlives the application.
     */
    static int sweepDeadJvms(Path dir) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PID_PREFIX + "*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                int dash = name.indexOf('-');
                if (!name.contains(SUFFIX) || dash < 0) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(name.substring(PID_PREFIX.length(), dash));
                    if (ProcessHandle.of(pid).isEmpty() && Files.deleteIfExists(f)) {
                        deleted++;
                    }
                } catch (NumberFormatException e) {
                    // Not a name this cache writes: left alone.
                }
            }
        }
        return deleted;
    }

    private static void removeIf(Predicate<Key> doomed) {
        for (Key k : ENTRIES.keySet()) {
            if (doomed.test(k)) {
                Entry e = ENTRIES.remove(k);
                if (e != null) {
                    discard(e);
                }
            }
        }
    }

    private static void discard(Entry entry) {
        if (entry instanceof InMemory m) {
            BYTES_IN_MEMORY.addAndGet(-m.bytes());
        } else if (entry instanceof Spilled s) {
            try {
                Files.deleteIfExists(s.file());
            } catch (IOException e) {
                // Only disk space is lost: the file is never read again, and Spark's scratch folder goes
                // with the application.
            }
        }
    }
}

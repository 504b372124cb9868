package org.lrpo.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.diffusion.Rollout;
import org.lrpo.core.diffusion.Trajectory;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.lrpo.RolloutCollector;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.round.LrpoParts;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.PairSource;
import org.lrpo.core.train.Policies;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.jobs.spark.ExecutorEngine;

/**
 * The rollout cache's memory budget and spill files, with real trajectories: the tiny 16x16 run's
 * sampler (K = 5, G = 3) draws the two faces of round 0, one per partition, as the rollout tasks do.
 */
class RolloutCacheTest {
    /** One face of round 0 each. */
    private static List<FaceGroup> first;
    private static List<FaceGroup> second;

    @BeforeAll
    static void sample() {
        LrpoSettings s = LrpoSettings.read(TinyRun.config());
        ExecutorEngine.get(s.run());
        PairSource faces = new GeneratedPairs(s.run().seed(), s.data().generatedIdentities(), s.model().resolution(),
                s.degradation().preset(), new FaceSplit(s.data().heldOutFraction())).forStage(GeneratedPairs.RL_STAGE);
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            RolloutCollector collector = new RolloutCollector(policy, LrpoParts.of(s).rolloutStep(), s.run().seed());
            List<TrainingPair> pairs = faces.batch(0, 0, 2);
            first = List.of(collector.collect(pairs.get(0), 0, s.rl().groupSize()));
            second = List.of(collector.collect(pairs.get(1), 0, s.rl().groupSize()));
        }
    }

    private static RolloutCacheSettings budget(int memoryMb, Path dir) {
        return new RolloutCacheSettings(memoryMb, dir.toString());
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void sampledGroupsComeBackFromASpillFileBitForBit(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("groups.rollouts");
        List<FaceGroup> groups = List.of(first.get(0), second.get(0));
        long t0 = System.nanoTime();
        long bytes = RolloutSpillFile.write(file, groups);
        long t1 = System.nanoTime();
        List<FaceGroup> back = RolloutSpillFile.read(file);
        long t2 = System.nanoTime();
        assertEquals(Files.size(file), bytes);
        assertEquals(List.of(file), files(dir), "no temporary file left beside it");
        assertEquals(groups.size(), back.size());
        for (int i = 0; i < groups.size(); i++) {
            assertSameBits(groups.get(i), back.get(i));
        }
        System.out.printf("spill file of 2 faces x 3 candidates at 16x16, K = 5: %d bytes (payload %d), "
                        + "write %.2f ms, read %.2f ms%n", bytes, RolloutCache.payloadBytes(groups), (t1 - t0) / 1e6,
                (t2 - t1) / 1e6);
    }

    @Test
    void aZeroBudgetSpillsEveryPartitionAndHoldsNothingInMemory(@TempDir Path dir) {
        RolloutCacheSettings none = budget(0, dir);
        long inMemory = RolloutCache.bytesInMemory();
        long spilled = RolloutCache.spilledPartitions();
        long spilledBytes = RolloutCache.spilledBytes();
        RolloutCache.Key a = new RolloutCache.Key("zero-budget", 0, 0);
        RolloutCache.Key b = new RolloutCache.Key("zero-budget", 0, 1);
        RolloutCache.put(a, first, none);
        RolloutCache.put(b, second, none);
        try {
            assertEquals(inMemory, RolloutCache.bytesInMemory(), "nothing kept in memory");
            assertEquals(spilled + 2, RolloutCache.spilledPartitions());
            assertTrue(RolloutCache.spilledBytes() - spilledBytes > RolloutCache.payloadBytes(first)
                    + RolloutCache.payloadBytes(second), "the files hold at least the payload");
            assertSameBits(first.get(0), RolloutCache.get(a).orElseThrow().get(0));
            assertSameBits(second.get(0), RolloutCache.get(b).orElseThrow().get(0));
            System.out.printf("spilled per partition (1 face x 3 candidates, 16x16, K = 5): %d bytes, payload %d%n",
                    (RolloutCache.spilledBytes() - spilledBytes) / 2, RolloutCache.payloadBytes(first));
        } finally {
            RolloutCache.dropRun("zero-budget");
        }
    }

    @Test
    void partitionsBeyondTheBudgetSpillAndTheOnesWithinStayInMemory(@TempDir Path dir) throws IOException {
        RolloutCacheSettings oneMb = budget(1, dir);
        assertEquals(0, RolloutCache.bytesInMemory(), "no other test's trajectories in memory");
        long inMemory = 0;
        // Copies of a partition's groups that fill the 1 MiB so that one more partition fits and two do not.
        long spilled = RolloutCache.spilledPartitions();
        List<FaceGroup> filler = new ArrayList<>();
        long fillerBytes = 0;
        while (fillerBytes + RolloutCache.payloadBytes(first) <= oneMb.memoryBytes() - RolloutCache.payloadBytes(second)) {
            filler.add(first.get(0));
            fillerBytes += RolloutCache.payloadBytes(first);
        }
        try {
            RolloutCache.put(new RolloutCache.Key("budget", 0, 0), filler, oneMb);
            assertEquals(inMemory + fillerBytes, RolloutCache.bytesInMemory());
            assertEquals(spilled, RolloutCache.spilledPartitions(), "within the budget: kept in memory");
            RolloutCache.put(new RolloutCache.Key("budget", 0, 1), second, oneMb);
            assertEquals(inMemory + fillerBytes + RolloutCache.payloadBytes(second), RolloutCache.bytesInMemory(),
                    "still within the budget");
            RolloutCache.put(new RolloutCache.Key("budget", 0, 2), first, oneMb);
            assertEquals(spilled + 1, RolloutCache.spilledPartitions(), "beyond the budget: spilled");
            assertEquals(1, files(dir).size());
            assertSameBits(first.get(0), RolloutCache.get(new RolloutCache.Key("budget", 0, 2)).orElseThrow().get(0));
        } finally {
            RolloutCache.dropRun("budget");
        }
        assertEquals(inMemory, RolloutCache.bytesInMemory(), "dropping a run returns its memory");
        assertEquals(List.of(), files(dir), "and deletes its files");
    }

    @Test
    void releasingANewerRoundOrDroppingTheRunDeletesSpillFiles(@TempDir Path dir) throws IOException {
        RolloutCacheSettings none = budget(0, dir);
        int entries = RolloutCache.size();
        RolloutCache.put(new RolloutCache.Key("release", 0, 0), first, none);
        RolloutCache.put(new RolloutCache.Key("release", 0, 1), second, none);
        RolloutCache.put(new RolloutCache.Key("other-run", 0, 0), first, none);
        assertEquals(3, files(dir).size());
        RolloutCache.put(new RolloutCache.Key("release", 1, 0), second, none);
        assertEquals(2, files(dir).size(), "a newer round replaced the run's older round, files included");
        assertEquals(Optional.empty(), RolloutCache.get(new RolloutCache.Key("release", 0, 1)));
        RolloutCache.release("release", 1);
        assertEquals(1, files(dir).size(), "the other run's file stays");
        RolloutCache.dropRun("other-run");
        assertEquals(List.of(), files(dir));
        assertEquals(entries, RolloutCache.size());
    }

    @Test
    void aTruncatedDamagedOrMissingSpillFileIsACacheMiss(@TempDir Path dir) throws IOException {
        RolloutCacheSettings none = budget(0, dir);
        RolloutCache.Key truncated = new RolloutCache.Key("damaged", 0, 0);
        RolloutCache.Key flipped = new RolloutCache.Key("damaged", 0, 1);
        RolloutCache.Key missing = new RolloutCache.Key("damaged", 0, 2);
        try {
            RolloutCache.put(truncated, first, none);
            Path file = files(dir).get(0);
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(c.size() / 2);
            }
            assertEquals(Optional.empty(), RolloutCache.get(truncated));
            assertFalse(Files.exists(file), "the damaged file is discarded");

            RolloutCache.put(flipped, first, none);
            file = files(dir).get(0);
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // One bit of a latent in the middle of the file: every length still fits, only the checksum tells.
                ByteBuffer b = ByteBuffer.allocate(1);
                long at = c.size() / 2;
                c.read(b, at);
                b.put(0, (byte) (b.get(0) ^ 1)).rewind();
                c.write(b, at);
            }
            assertEquals(Optional.empty(), RolloutCache.get(flipped));

            RolloutCache.put(missing, first, none);
            Files.delete(files(dir).get(0));
            assertEquals(Optional.empty(), RolloutCache.get(missing));
            assertEquals(List.of(), files(dir));

            RolloutCache.put(missing, second, none);
            assertSameBits(second.get(0), RolloutCache.get(missing).orElseThrow().get(0));
        } finally {
            RolloutCache.dropRun("damaged");
        }
    }

    @Test
    void aSpillFolderThatCannotBeWrittenFailsNamingTheSetting(@TempDir Path dir) throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> RolloutCache.put(new RolloutCache.Key("unwritable", 0, 0), first, budget(0, notAFolder)));
        assertTrue(e.getMessage().contains("lrpo.spark-train.rollout-cache.spill-dir"), e.getMessage());
        assertEquals(Optional.empty(), RolloutCache.get(new RolloutCache.Key("unwritable", 0, 0)));
    }

    /**
     * Issue 14, finding 6: a gradient task reads back only its micro-batch's groups of a spilled partition, and
     * each group is checked on its own, so damage to a group it does not read does not cost it the partition.
     */
    @Test
    void aTaskReadsOnlyTheGroupsItNeedsFromASpillFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("two.rollouts");
        RolloutSpillFile.write(file, List.of(first.get(0), second.get(0)));
        List<FaceGroup> onlySecond = RolloutSpillFile.read(file, java.util.Set.of(1));
        assertEquals(2, onlySecond.size());
        assertEquals(null, onlySecond.get(0), "not read");
        assertSameBits(second.get(0), onlySecond.get(1));
        // Damage inside the first group: reading everything fails, reading the second alone still works.
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            c.read(b, 100);
            b.put(0, (byte) (b.get(0) ^ 1)).rewind();
            c.write(b, 100);
        }
        assertThrows(IOException.class, () -> RolloutSpillFile.read(file));
        assertSameBits(second.get(0), RolloutSpillFile.read(file, java.util.Set.of(1)).get(1));
    }

    /** Issue 14, finding 11: trajectories hold training faces; a crashed executor's files must not pile up. */
    @Test
    void spillFilesAreOwnerOnlyAndDeadJvmsLeftoversAreSwept(@TempDir Path root) throws Exception {
        Path dir = root.resolve("spill");
        Files.createDirectories(dir);
        // A JVM that has exited: its pid is no longer running.
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.writeString(dir.resolve("pid" + gone.pid() + "-round3-partition0-x.rollouts"), "old");
        Path staleTemporary = Files.writeString(dir.resolve("pid" + gone.pid() + "-round3-partition1-y.rollouts.tmp"),
                "old");
        // pid 1 runs as long as the machine: its files are another live JVM's.
        Path live = Files.writeString(dir.resolve("pid1-round3-partition0-z.rollouts"), "live");
        Path foreign = Files.writeString(dir.resolve("notes.txt"), "not ours");
        RolloutCache.put(new RolloutCache.Key("private", 0, 0), first, budget(0, dir));
        try {
            assertTrue(Files.notExists(stale) && Files.notExists(staleTemporary), "a dead JVM's files are deleted");
            assertTrue(Files.exists(live) && Files.exists(foreign), "a live JVM's files and other files stay");
            Path mine = files(dir).stream().filter(p -> p.getFileName().toString()
                    .startsWith("pid" + ProcessHandle.current().pid() + "-")).findFirst().orElseThrow();
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(mine)));
        } finally {
            RolloutCache.dropRun("private");
        }
        Path fresh = root.resolve("fresh/spill");
        RolloutCache.put(new RolloutCache.Key("private", 0, 0), first, budget(0, fresh));
        RolloutCache.dropRun("private");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fresh)), "a spill folder it creates is private too");
    }

    /** Every field, floats and doubles compared by their raw bits. */
    private static void assertSameBits(FaceGroup expected, FaceGroup actual) {
        assertEquals(expected.pair().id(), actual.pair().id());
        assertSameBits(expected.pair().hq(), actual.pair().hq());
        assertSameBits(expected.pair().lq(), actual.pair().lq());
        Rollout e = expected.rollout();
        Rollout a = actual.rollout();
        assertEquals(e.steps(), a.steps());
        for (int k = 0; k < e.steps(); k++) {
            assertEquals(e.timestep(k), a.timestep(k));
        }
        assertEquals(Double.doubleToRawLongBits(e.eta()), Double.doubleToRawLongBits(a.eta()));
        assertEquals(e.latentShape(), a.latentShape());
        assertEquals(e.trajectories().size(), a.trajectories().size());
        for (int c = 0; c < e.trajectories().size(); c++) {
            Trajectory te = e.trajectory(c);
            Trajectory ta = a.trajectory(c);
            assertEquals(te.key(), ta.key());
            assertTrue(ta.hasLogProbs());
            assertArrayEquals(bits(FloatBuffer.wrap(te.logProbs())), bits(FloatBuffer.wrap(ta.logProbs())));
            for (int j = 0; j <= te.steps(); j++) {
                assertArrayEquals(bits(te.latent(j)), bits(ta.latent(j)), "candidate " + c + " latent " + j);
            }
            assertSameBits(expected.candidates().get(c), actual.candidates().get(c));
        }
    }

    private static void assertSameBits(RgbImage expected, RgbImage actual) {
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertArrayEquals(bits(FloatBuffer.wrap(expected.chw())), bits(FloatBuffer.wrap(actual.chw())));
    }

    private static int[] bits(FloatBuffer values) {
        int[] out = new int[values.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.floatToRawIntBits(values.get(values.position() + i));
        }
        return out;
    }
}

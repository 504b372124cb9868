package org.lrpo.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.optim.AdamW;
import org.lrpo.core.optim.Ema;
import org.lrpo.core.optim.ParameterLayout;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.random.Seeds;

class CheckpointTest {
    @TempDir
    Path root;

    private static final ParameterLayout ALL = ParameterLayout.builder()
            .add("down.0.conv.weight", 64, 3, 3, 3)
            .add("down.0.conv.bias", 64)
            .add("control.zero_conv.weight", 8, 64, 1, 1)
            .add("control.zero_conv.bias", 8)
            .build();
    private static final ParameterLayout TRAINABLE = ParameterLayout.builder()
            .add("control.zero_conv.weight", 8, 64, 1, 1)
            .add("control.zero_conv.bias", 8)
            .build();
    private static final String CONFIG = "lrpo { pretrain { lr = 2e-4, steps = 1000 } }";

    /** Weights, three AdamW steps and an EMA on the trainable part, all from seeded draws. */
    private static CheckpointContents contents(long step) {
        SplittableRandom r = Seeds.stream(5, "test-checkpoint", step);
        ParameterSet weights = ParameterSet.zeros(ALL);
        for (int i = 0; i < weights.flat().length; i++) {
            weights.flat()[i] = (float) r.nextGaussian();
        }
        weights.flat()[0] = Float.intBitsToFloat(0x7fc00001); // a NaN payload must survive too
        weights.flat()[1] = -0f;
        float[] trainable = ParameterSet.zeros(TRAINABLE).flat();
        AdamW opt = new AdamW(new AdamW.Config(0.9, 0.999, 1e-8, 0.01), TRAINABLE.totalSize());
        Ema ema = new Ema(0.99, trainable);
        for (int s = 0; s < 3; s++) {
            float[] g = new float[trainable.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) r.nextGaussian();
            }
            opt.step(trainable, g, 1e-3);
            ema.update(trainable);
        }
        return new CheckpointContents(step, new RngCoordinates(42, 7), CONFIG, weights,
                Optional.of(new OptimizerSnapshot(TRAINABLE, opt.exportState())),
                Optional.of(new EmaSnapshot(TRAINABLE, ema.exportState())));
    }

    private static void assertBitwise(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "index " + i);
        }
    }

    @Test
    void roundTripIsExact() throws IOException {
        LocalCheckpointStore store = new LocalCheckpointStore(root);
        CheckpointContents written = contents(120);
        String name = new CheckpointWriter(store).write(written);
        assertEquals("step-000000000120", name);
        assertEquals(List.of(name), store.list(""), "no temporary folder may remain");
        assertEquals(List.of("ema.safetensors", "manifest.json", "optimizer.safetensors", "weights.safetensors"),
                store.list(name));

        LoadedCheckpoint loaded = new CheckpointReader(store).load(name, ALL, TRAINABLE);
        CheckpointContents c = loaded.contents();
        assertEquals(120, c.step());
        assertEquals(new RngCoordinates(42, 7), c.rng());
        assertEquals(CONFIG, c.config());
        assertTrue(written.weights().bitwiseEquals(c.weights()));
        var wo = written.optimizer().orElseThrow().state();
        var lo = c.optimizer().orElseThrow().state();
        assertEquals(wo.config(), lo.config());
        assertEquals(3, lo.step());
        assertBitwise(wo.m(), lo.m());
        assertBitwise(wo.v(), lo.v());
        var we = written.ema().orElseThrow().state();
        var le = c.ema().orElseThrow().state();
        assertEquals(we.decay(), le.decay());
        assertEquals(we.updates(), le.updates());
        assertBitwise(we.shadow(), le.shadow());
        var prov = loaded.manifest().provenance();
        for (String key : List.of("created", "java.version", "os.name", "djl.version")) {
            assertTrue(prov.containsKey(key) && !prov.get(key).isEmpty(), "provenance lacks " + key);
        }
        // A restored optimiser continues exactly like the original.
        AdamW a = new AdamW(wo.config(), TRAINABLE.totalSize());
        a.restore(wo);
        AdamW b = new AdamW(lo.config(), TRAINABLE.totalSize());
        b.restore(lo);
        float[] pa = new float[TRAINABLE.totalSize()];
        float[] pb = new float[TRAINABLE.totalSize()];
        float[] g = new float[TRAINABLE.totalSize()];
        java.util.Arrays.fill(g, 0.25f);
        a.step(pa, g, 1e-3);
        b.step(pb, g.clone(), 1e-3);
        assertArrayEquals(pa, pb);
    }

    @Test
    void weightsOnlyCheckpointLoads() throws IOException {
        LocalCheckpointStore store = new LocalCheckpointStore(root);
        CheckpointContents full = contents(5);
        CheckpointContents bare = new CheckpointContents(5, full.rng(), "{}", full.weights(), Optional.empty(),
                Optional.empty());
        String name = new CheckpointWriter(store).write(bare);
        assertEquals(List.of("manifest.json", "weights.safetensors"), store.list(name));
        CheckpointContents back = new CheckpointReader(store).load(name, ALL).contents();
        assertTrue(back.optimizer().isEmpty() && back.ema().isEmpty());
        assertTrue(full.weights().bitwiseEquals(back.weights()));
    }

    @Test
    void truncatedOrCorruptedFilesFailClearly() throws IOException {
        LocalCheckpointStore store = new LocalCheckpointStore(root);
        String name = new CheckpointWriter(store).write(contents(1));
        Path weights = root.resolve(name).resolve("weights.safetensors");
        long size = Files.size(weights);
        try (FileChannel ch = FileChannel.open(weights, StandardOpenOption.WRITE)) {
            ch.truncate(size - 100);
        }
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> new CheckpointReader(store).load(name, ALL, TRAINABLE));
        assertTrue(e.getMessage().contains("weights.safetensors") && e.getMessage().contains("truncated"),
                e.getMessage());
        assertFalse(new CheckpointFinder(store).newestComplete().isPresent(), "a truncated checkpoint is not complete");

        String other = new CheckpointWriter(store).write(contents(2));
        Path opt = root.resolve(other).resolve("optimizer.safetensors");
        byte[] bytes = Files.readAllBytes(opt);
        bytes[bytes.length - 3] ^= 0x40; // same size, one bit flipped in the data
        Files.write(opt, bytes);
        e = assertThrows(CheckpointFormatException.class, () -> new CheckpointReader(store).load(other, ALL, TRAINABLE));
        assertTrue(e.getMessage().contains("optimizer.safetensors") && e.getMessage().contains("SHA-256"),
                e.getMessage());
    }

    @Test
    void shapeAndNameMismatchesAreNamed() throws IOException {
        LocalCheckpointStore store = new LocalCheckpointStore(root);
        String name = new CheckpointWriter(store).write(contents(3));
        ParameterLayout narrower = ParameterLayout.builder()
                .add("down.0.conv.weight", 32, 3, 3, 3)
                .add("down.0.conv.bias", 64)
                .add("control.zero_conv.weight", 8, 64, 1, 1)
                .add("control.zero_conv.bias", 8)
                .build();
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> new CheckpointReader(store).load(name, narrower, TRAINABLE));
        assertTrue(e.getMessage().contains(
                "tensor down.0.conv.weight: checkpoint shape [64,3,3,3], model expects [32,3,3,3]"), e.getMessage());

        ParameterLayout renamed = ParameterLayout.builder()
                .add("down.0.conv.weight", 64, 3, 3, 3)
                .add("down.0.conv.bias", 64)
                .add("control.out.weight", 8, 64, 1, 1)
                .add("control.zero_conv.bias", 8)
                .build();
        e = assertThrows(CheckpointMismatchException.class, () -> new CheckpointReader(store).load(name, renamed, TRAINABLE));
        assertTrue(e.getMessage().contains("tensor control.out.weight: missing from checkpoint"), e.getMessage());
        assertTrue(e.getMessage().contains("tensor control.zero_conv.weight: in checkpoint ([8,64,1,1]), not in model"),
                e.getMessage());
        assertTrue(e.getMessage().contains("2 mismatches"), e.getMessage());

        // The optimiser state is checked against the trainable layout, under torch's state names.
        ParameterLayout otherTrainable = ParameterLayout.builder().add("control.zero_conv.bias", 8).build();
        e = assertThrows(CheckpointMismatchException.class,
                () -> new CheckpointReader(store).load(name, ALL, otherTrainable));
        assertTrue(e.getMessage().contains("optimizer.safetensors")
                && e.getMessage().contains("tensor exp_avg.control.zero_conv.weight: in checkpoint"), e.getMessage());
    }

    @Test
    void dtypeMismatchIsNamed() throws IOException {
        SafetensorsFile f16 = SafetensorsReader.read(new java.io.ByteArrayInputStream(SafetensorsTest.craft(
                "{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4)), "half.safetensors");
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> CheckpointReader.match(f16, ParameterLayout.builder().add("w", 2).build(), ""));
        assertTrue(e.getMessage().contains("tensor w: checkpoint dtype F16, model expects F32"), e.getMessage());
    }

    @Test
    void otherSchemaVersionFailsClearly() throws IOException {
        LocalCheckpointStore store = new LocalCheckpointStore(root);
        String name = new CheckpointWriter(store).write(contents(4));
        Path manifest = root.resolve(name).resolve("manifest.json");
        String json = Files.readString(manifest);
        assertTrue(json.contains("\"schema_version\" : 1"), json);
        Files.writeString(manifest, json.replace("\"schema_version\" : 1", "\"schema_version\" : 2"));
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> new CheckpointReader(store).load(name, ALL, TRAINABLE));
        assertTrue(e.getMessage().contains("checkpoint schema version 2, this build reads version 1"), e.getMessage());
        // Still "complete": resuming must fail on it rather than fall back to an older checkpoint.
        assertEquals(Optional.of(name), new CheckpointFinder(store).newestComplete());
    }

    @Test
    void aSchemaVersionBeyondIntIsNotWrappedToTheCurrentOne() throws IOException {
        // Issue 14, finding 12: (int) 4294967297 == 1.
        LocalCheckpointStore store = new LocalCheckpointStore(root);
        String name = new CheckpointWriter(store).write(contents(4));
        Path manifest = root.resolve(name).resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"schema_version\" : 1",
                "\"schema_version\" : 4294967297"));
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> new CheckpointReader(store).load(name, ALL, TRAINABLE));
        assertTrue(e.getMessage().contains("schema version 4294967297"), e.getMessage());
    }

    @Test
    void anOversizedManifestIsRefusedUnread() throws IOException {
        LocalCheckpointStore store = new LocalCheckpointStore(root);
        String name = new CheckpointWriter(store).write(contents(4));
        Path manifest = root.resolve(name).resolve("manifest.json");
        // Valid JSON padded with 64 MiB of spaces: a reader that loads it whole allocates all of it.
        try (var out = Files.newOutputStream(manifest, java.nio.file.StandardOpenOption.APPEND)) {
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                out.write(spaces);
            }
        }
        long before = allocatedBytes();
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> new CheckpointReader(store).readManifest(name));
        long allocated = allocatedBytes() - before;
        assertTrue(e.getMessage().contains("larger than 4 MiB"), e.getMessage());
        assertTrue(allocated < 32L << 20, "reading it allocated " + (allocated >> 20) + " MiB");
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void finderIgnoresTemporaryAndIncompleteFolders() throws IOException {
        LocalCheckpointStore store = new LocalCheckpointStore(root);
        CheckpointWriter writer = new CheckpointWriter(store);
        assertEquals(Optional.empty(), new CheckpointFinder(store).newestComplete());
        writer.write(contents(10));
        writer.write(contents(20));
        String newest = CheckpointNames.name(20);

        // A crash mid-write of step 30: a full copy under a temporary name must not count.
        copyTree(root.resolve(newest), root.resolve(".tmp-step-000000000030-123-456"));
        // A step-named folder without its manifest (e.g. a non-atomic store cut mid-copy).
        copyTree(root.resolve(newest), root.resolve(CheckpointNames.name(40)));
        Files.delete(root.resolve(CheckpointNames.name(40)).resolve("manifest.json"));
        // A step-named folder whose manifest lists a file that is absent.
        copyTree(root.resolve(newest), root.resolve(CheckpointNames.name(50)));
        Files.delete(root.resolve(CheckpointNames.name(50)).resolve("ema.safetensors"));
        // Unrelated names.
        Files.createDirectories(root.resolve("step-12"));
        Files.writeString(root.resolve("notes.txt"), "x");

        CheckpointFinder finder = new CheckpointFinder(store);
        assertEquals(Optional.of(newest), finder.newestComplete());
        assertEquals(List.of(CheckpointNames.name(10), newest), finder.completeCheckpoints());
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> new CheckpointReader(store).load(CheckpointNames.name(40), ALL, TRAINABLE));
        assertTrue(e.getMessage().contains("no manifest.json"), e.getMessage());
        assertThrows(FileAlreadyExistsException.class, () -> writer.write(contents(20)));
    }

    /**
     * Issue 14, finding 4: on an object store a rename is a copy per file; a crash mid-copy leaves part of the
     * checkpoint under its final name and the temporary folder beside it. Resuming skips the partial step, and
     * writing that step again must replace it rather than fail on every resume.
     */
    @Test
    void aResumeAfterAnInterruptedRenameWritesTheStepAgain() throws IOException {
        LocalCheckpointStore store = new LocalCheckpointStore(root);
        CheckpointWriter writer = new CheckpointWriter(store);
        String done = writer.write(contents(20));
        // The crash's leftovers for step 30: the manifest and weights copied, the rest not; the temporary folder.
        Path partial = Files.createDirectories(root.resolve(CheckpointNames.name(30)));
        Files.copy(root.resolve(done).resolve("manifest.json"), partial.resolve("manifest.json"));
        Files.copy(root.resolve(done).resolve("weights.safetensors"), partial.resolve("weights.safetensors"));
        copyTree(root.resolve(done), root.resolve(".tmp-" + CheckpointNames.name(30) + "-4242-1"));

        CheckpointFinder finder = new CheckpointFinder(store);
        assertEquals(Optional.of(done), finder.newestComplete(), "the partial step is not resumed from");
        String again = writer.write(contents(30));
        assertEquals(CheckpointNames.name(30), again);
        assertEquals(Optional.of(again), finder.newestComplete());
        assertEquals(30, new CheckpointReader(store).load(again, ALL, TRAINABLE).contents().step());
        assertEquals(List.of(CheckpointNames.name(20), CheckpointNames.name(30)), store.list(""));
        assertTrue(Files.notExists(root.resolve(".tmp-" + CheckpointNames.name(30) + "-4242-1")),
                "the temporary folder is gone too");
        // A complete checkpoint is still never overwritten.
        assertThrows(FileAlreadyExistsException.class, () -> writer.write(contents(30)));
    }

    @Test
    void failedWriteLeavesNoFolderBehind() throws IOException {
        LocalCheckpointStore local = new LocalCheckpointStore(root);
        CheckpointStore failing = new ForwardingStore(local) {
            @Override
            public OutputStream create(String path) throws IOException {
                if (path.endsWith("ema.safetensors")) {
                    throw new IOException("disk full (simulated)");
                }
                return super.create(path);
            }
        };
        IOException e = assertThrows(IOException.class, () -> new CheckpointWriter(failing).write(contents(9)));
        assertEquals("disk full (simulated)", e.getMessage());
        assertEquals(List.of(), local.list(""));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** Delegates everything; tests override one operation to inject a failure. */
    private static class ForwardingStore implements CheckpointStore {
        private final CheckpointStore d;

        ForwardingStore(CheckpointStore d) {
            this.d = d;
        }

        @Override
        public OutputStream create(String path) throws IOException {
            return d.create(path);
        }

        @Override
        public java.io.InputStream open(String path) throws IOException {
            return d.open(path);
        }

        @Override
        public boolean exists(String path) throws IOException {
            return d.exists(path);
        }

        @Override
        public long size(String path) throws IOException {
            return d.size(path);
        }

        @Override
        public List<String> list(String dir) throws IOException {
            return d.list(dir);
        }

        @Override
        public void renameDirectory(String from, String to) throws IOException {
            d.renameDirectory(from, to);
        }

        @Override
        public void deleteRecursively(String path) throws IOException {
            d.deleteRecursively(path);
        }

        @Override
        public String describe(String path) {
            return d.describe(path);
        }
    }

    @Test
    void storeRejectsEscapingPaths() {
        LocalCheckpointStore store = new LocalCheckpointStore(root);
        assertThrows(IllegalArgumentException.class, () -> store.open("../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> store.create("/abs"));
    }
}

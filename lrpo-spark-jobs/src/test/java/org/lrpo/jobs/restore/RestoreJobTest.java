package org.lrpo.jobs.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.align.FaceTemplate;
import org.lrpo.core.align.FivePoints;
import org.lrpo.core.align.SimilarityTransform;
import org.lrpo.core.faces.Scene;
import org.lrpo.core.faces.SceneGenerator;
import org.lrpo.core.faces.SceneOptions;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.RgbImage;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.spark.SparkSettings;
import org.lrpo.jobs.testing.CliRun;
import org.lrpo.jobs.testing.TinyModel;
import org.lrpo.jobs.testing.OddImages;
import org.lrpo.jobs.testing.S3ProxyServer;
import org.lrpo.jobs.train.FaultInjection;

/**
 * {@code lrpo restore} end to end on Spark local[2], as a user runs it: a tiny two-stage model trained by
 * {@code lrpo pretrain}, a folder of generated multi-face photos mixed with the files lakes hold (broken,
 * odd formats, odd names), restored, re-run, and refused when misused.
 */
class RestoreJobTest {
    @TempDir
    static Path shared;
    static Path run;
    static SparkSession spark;
    static S3ProxyServer s3;

    static final int RESOLUTION = TinyModel.RESOLUTION;

    @BeforeAll
    static void trainATinyModel() throws Exception {
        s3 = S3ProxyServer.start(shared);
        s3.createBucket("lake");
        Map<String, String> conf = s3.sparkSettings(shared.resolve("s3a-buffer"));
        // local[2,4]: two task threads, and a failed task is retried (up to 4 attempts) as on a cluster.
        spark = SparkSessions.create(new SparkSettings("local[2,4]", "lrpo-test", conf), "restore-test");
        run = shared.resolve("run");
        CliRun.Outcome o = cli("pretrain", List.of(), "--stage", "all");
        assertEquals(0, o.code(), o.err());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    static List<String> config(String... extra) {
        List<String> o = new ArrayList<>(List.of("restore.partitions=2", "restore.max-face-upscale=8",
                "max-image-pixels=100000"));
        o.addAll(List.of(extra));
        return TinyModel.settings(run, o.toArray(String[]::new));
    }

    static CliRun.Outcome cli(String job, List<String> settings, String... flags) {
        return TinyModel.cli(job, config(settings.toArray(String[]::new)), flags);
    }

    /** A folder of photos and the files a lake also holds; {@link #bad} maps each broken file to its reason. */
    static final class Lake {
        final Map<String, Scene> scenes = new TreeMap<>();
        final Map<String, String> bad = new TreeMap<>();
        final List<String> odd = new ArrayList<>();
        int inputs;

        static Lake write(Path dir) throws IOException {
            Lake lake = new Lake();
            SceneOptions options = SceneOptions.defaults().withFaces(1, 3).withFaceSizes(56, 88)
                    .withBorderCutProbability(0);
            for (int i = 0; i < 3; i++) {
                Scene s = SceneGenerator.scene(5, i, 256, 192, options);
                lake.put(dir, "photos/scene " + i + ".png", ImageCodec.encodePng(s.photo()));
                lake.scenes.put("photos/scene " + i + ".png", s);
            }
            Scene empty = SceneGenerator.scene(5, 9, 160, 120, options.withFaces(0, 0));
            lake.put(dir, "photos/no-face.jpg", ImageCodec.encodeJpeg(empty.photo(), 92));
            lake.odd.add("photos/no-face.jpg");
            Scene one = SceneGenerator.scene(5, 11, 200, 200, options.withFaces(1, 1));
            lake.put(dir, "odd/gray.png", gray(one.photo()));
            lake.put(dir, "odd/100% #1 ünï.png", ImageCodec.encodePng(one.photo()));
            lake.odd.addAll(List.of("odd/gray.png", "odd/100% #1 ünï.png"));
            Map<String, byte[]> odd = new TreeMap<>(Map.of("odd/cmyk.jpg", OddImages.cmykJpeg(64, 48),
                    "odd/rgb16.png", OddImages.rgb16Png(70, 50), "odd/palette.png", OddImages.palettePng(64, 64),
                    "odd/alpha.png", OddImages.alphaPng(60, 40), "odd/animated.gif", OddImages.animatedGif(40, 30),
                    "odd/one-pixel.png", OddImages.rgbPng(1, 1), "odd/strip.png", OddImages.rgbPng(1000, 16),
                    "odd/photo.JPEG", ImageCodec.encodeJpeg(one.photo(), 90)));
            for (Map.Entry<String, byte[]> e : odd.entrySet()) {
                lake.put(dir, e.getKey(), e.getValue());
                lake.odd.add(e.getKey());
            }
            byte[] png = ImageCodec.encodePng(one.photo());
            lake.putBad(dir, "bad/empty.png", new byte[0], "EMPTY");
            lake.putBad(dir, "bad/truncated.png", Arrays.copyOf(png, png.length / 2), "TRUNCATED");
            lake.putBad(dir, "bad/notes.png", "not an image\n".getBytes(), "NOT_AN_IMAGE");
            lake.putBad(dir, "bad/too-many-pixels.png", OddImages.grayPng(400, 300), "TOO_MANY_PIXELS");
            return lake;
        }

        private void put(Path dir, String name, byte[] bytes) throws IOException {
            Files.createDirectories(dir.resolve(name).getParent());
            Files.write(dir.resolve(name), bytes);
            inputs++;
        }

        private void putBad(Path dir, String name, byte[] bytes, String reason) throws IOException {
            put(dir, name, bytes);
            bad.put(name, reason);
        }

        private static byte[] gray(RgbImage image) throws IOException {
            BufferedImage g = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    int v = Math.round(255 * image.get(1, y, x));
                    g.getRaster().setSample(x, y, 0, v);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(g, "png", out);
            return out.toByteArray();
        }
    }

    @Test
    void everyInputIsRestoredOrQuarantinedAndFacesAreFoundAlignedAndPastedBack(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("lake");
        Lake lake = Lake.write(in);
        Path out = tmp.resolve("restored");
        CliRun.Outcome o = cli("restore", List.of("restore.stage1-background=false"), "--input", in.toString(),
                "--output", out.toString(), "--checkpoint", run.toString());
        assertEquals(0, o.code(), o.out() + o.err());

        List<Row> manifest = spark.read().parquet(out.resolve("_manifest").toString()).collectAsList();
        List<Row> quarantine = spark.read().parquet(out.resolve("_quarantine").toString()).collectAsList();
        List<String> outputs = images(out);
        assertEquals(lake.inputs, manifest.size() + quarantine.size(), "every input accounted: " + o.out());
        assertEquals(outputs.size(), manifest.size(), "one manifest row per output: " + outputs);
        assertEquals(manifest.size(), redone(o.out()), "the summary counts what was done: " + o.out());
        Map<String, String> reasons = quarantine.stream().collect(Collectors.toMap(
                r -> relative(in, r.getString(0)), r -> r.getString(4), (a, b) -> a, TreeMap::new));
        assertEquals(lake.bad, reasons);

        for (String name : lake.scenes.keySet()) {
            assertTrue(outputs.contains(name), name + " mirrored under the output: " + outputs);
        }
        for (String name : lake.odd) {
            // Formats other than PNG and JPEG become PNG, with the extension appended (a.gif and a.png stay apart).
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            boolean kept = lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
            String expected = kept ? name : name + ".png";
            assertTrue(outputs.contains(expected), name + " restored as " + expected + ": " + outputs);
        }
        int pasted = 0;
        for (Row r : manifest) {
            String name = relative(in, r.getString(0));
            Scene scene = lake.scenes.get(name);
            if (scene == null) {
                continue;
            }
            List<Row> faces = r.getList(r.fieldIndex("faces"));
            assertEquals(faces.isEmpty() ? "no_face" : "restored", r.getString(3), name);
            RgbImage before = ImageCodec.defaults().decode(Files.readAllBytes(in.resolve(name)), name);
            RgbImage after = ImageCodec.defaults().decode(Files.readAllBytes(out.resolve(name)), name);
            assertEquals(before.width(), after.width());
            assertEquals(before.height(), after.height());
            List<SimilarityTransform> footprints = new ArrayList<>();
            for (Row f : faces) {
                if (f.getBoolean(f.fieldIndex("pasted"))) {
                    pasted++;
                    List<Double> p = f.getList(f.fieldIndex("points"));
                    double[] x = new double[5];
                    double[] y = new double[5];
                    for (int k = 0; k < 5; k++) {
                        x[k] = p.get(2 * k);
                        y[k] = p.get(2 * k + 1);
                    }
                    footprints.add(FaceTemplate.ffhq(RESOLUTION).photoToCrop(new FivePoints(x, y)));
                }
            }
            int changedOutside = 0;
            int changedInside = 0;
            for (int yy = 0; yy < before.height(); yy++) {
                for (int xx = 0; xx < before.width(); xx++) {
                    boolean inside = false;
                    for (SimilarityTransform t : footprints) {
                        double cx = t.applyX(xx, yy);
                        double cy = t.applyY(xx, yy);
                        inside |= cx >= -1 && cy >= -1 && cx <= RESOLUTION && cy <= RESOLUTION;
                    }
                    boolean changed = false;
                    for (int c = 0; c < 3; c++) {
                        changed |= before.get(c, yy, xx) != after.get(c, yy, xx);
                    }
                    if (changed && !inside) {
                        changedOutside++;
                    }
                    if (changed && inside) {
                        changedInside++;
                    }
                }
            }
            assertEquals(0, changedOutside, name + ": with stage1-background off only pasted faces change");
            if (!footprints.isEmpty()) {
                assertTrue(changedInside > 0, name + ": a pasted face changes its pixels");
            }
        }
        int truth = lake.scenes.values().stream().mapToInt(sc -> sc.faces().size()).sum();
        System.out.println("restore test: " + pasted + " of " + truth + " faces pasted; " + o.out());
        assertTrue(pasted >= truth / 2, "the detector finds most of the scenes' faces: " + pasted + " of " + truth);
        assertFalse(hasTemporaryFiles(out), "no temporary files left");
    }

    @Test
    void aRerunSkipsWhatIsDoneAndARedoneOutputIsByteIdentical(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("lake");
        Lake lake = Lake.write(in);
        Path out = tmp.resolve("restored");
        String[] flags = {"--input", in.toString(), "--output", out.toString(), "--checkpoint", run.toString()};
        assertEquals(0, cli("restore", List.of(), flags).code());
        Map<String, byte[]> first = new TreeMap<>();
        for (String name : images(out)) {
            first.put(name, Files.readAllBytes(out.resolve(name)));
        }
        CliRun.Outcome again = cli("restore", List.of(), flags);
        assertEquals(0, again.code(), again.err());
        int good = lake.inputs - lake.bad.size();
        assertTrue(again.out().contains(good + " already done"), again.out());
        assertEquals(good, spark.read().parquet(out.resolve("_manifest").toString()).count(),
                "skipped inputs add no manifest rows");

        // As after a killed run: outputs gone without their manifest rows. They are redone, identically.
        deleteTree(out.resolve("_manifest"));
        for (String name : first.keySet()) {
            Files.delete(out.resolve(name));
        }
        assertEquals(0, cli("restore", List.of(), flags).code());
        for (Map.Entry<String, byte[]> e : first.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(out.resolve(e.getKey())), e.getKey());
        }
    }

    @Test
    void aTableOutputHoldsTheFilesBytesOnceEachAndAnUncommittedWaveIsRedone(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("lake");
        Lake lake = Lake.write(in);
        Path files = tmp.resolve("files");
        Path table = tmp.resolve("table");
        assertEquals(0, cli("restore", List.of(), "--input", in.toString(), "--output", files.toString(),
                "--checkpoint", run.toString()).code());
        String[] flags = {"--input", in.toString(), "--output", table.toString(), "--checkpoint", run.toString()};
        CliRun.Outcome o = cli("restore", List.of("restore.output=table"), flags);
        assertEquals(0, o.code(), o.err());
        assertEquals(List.of(), images(table).stream().filter(p -> !p.startsWith(OutputLayout.RESTORED + "/")).toList(),
                "no image files beside the table");
        int good = lake.inputs - lake.bad.size();
        List<Row> rows = spark.read().parquet(table.resolve(OutputLayout.RESTORED).toString()).collectAsList();
        assertEquals(good, rows.size(), "one row per restored input");
        for (Row r : rows) {
            String name = r.getAs("output");
            assertArrayEquals(Files.readAllBytes(files.resolve(name)), (byte[]) r.getAs("image"),
                    "the table holds the bytes the files run wrote: " + name);
        }
        assertEquals(good, spark.read().parquet(table.resolve("_manifest").toString())
                .join(spark.read().parquet(table.resolve(OutputLayout.RESTORED).toString()).select("input", "output"),
                        new String[] {"input", "output"}).count(), "the manifest names each row by its output");

        // As after a driver killed between a wave's two writes: images whose manifest wave was never committed.
        Path restored = table.resolve(OutputLayout.RESTORED);
        Path wave;
        try (Stream<Path> waves = Files.list(restored)) {
            wave = waves.filter(p -> p.getFileName().toString().startsWith("wave=")).findFirst().orElseThrow();
        }
        Path orphan = restored.resolve("wave=19990101T000000-00000");
        try (Stream<Path> walk = Files.walk(wave)) {
            for (Path p : walk.toList()) {
                Files.copy(p, orphan.resolve(wave.relativize(p).toString()));
            }
        }
        CliRun.Outcome again = cli("restore", List.of("restore.output=table"), flags);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains(good + " already done"), again.out());
        assertFalse(Files.exists(orphan), "the uncommitted wave is deleted");
        assertEquals(good, spark.read().parquet(restored.toString()).count(), "a re-run adds no rows");
    }

    @Test
    void tasksThatFailAfterWritingAreRetriedWithoutDuplicatesOrChangedBytesWithOrWithoutOverlappedIo(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("lake");
        Lake lake = Lake.write(in);
        Path clean = tmp.resolve("clean");
        Path faulty = tmp.resolve("faulty");
        assertEquals(0, cli("restore", List.of(), "--input", in.toString(), "--output", clean.toString(),
                "--checkpoint", run.toString()).code());
        long before = FaultInjection.injectedSoFar();
        // The clean run overlaps I/O with the models (the default), the faulty one runs each task on one thread.
        CliRun.Outcome o = cli("restore", List.of("restore.faults.task-failure-rate=0.5", "restore.partitions=4",
                        "restore.overlap-io=false"),
                "--input", in.toString(), "--output", faulty.toString(), "--checkpoint", run.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(FaultInjection.injectedSoFar() > before, "some tasks failed after writing an output");
        assertEquals(images(clean), images(faulty));
        for (String name : images(clean)) {
            assertArrayEquals(Files.readAllBytes(clean.resolve(name)), Files.readAllBytes(faulty.resolve(name)), name);
        }
        assertEquals(lake.inputs - lake.bad.size(), spark.read().parquet(faulty.resolve("_manifest").toString()).count(),
                "retried tasks add no manifest rows");
        assertFalse(hasTemporaryFiles(faulty));
    }

    @Test
    void anIngestedTableOfAlignedFacesIsRestoredByIdAndS3aWorksBothWays(@TempDir Path tmp) throws Exception {
        String dataset = "s3a://lake/datasets/faces";
        assertEquals(0, cli("ingest", List.of(), "--generate", "3", "--output", dataset).code());
        String out = "s3a://lake/restored-faces";
        CliRun.Outcome o = cli("restore", List.of(), "--table", dataset, "--aligned", "--output", out,
                "--checkpoint", run.toString());
        assertEquals(0, o.code(), o.err());
        List<Row> manifest = spark.read().parquet(out + "/_manifest").collectAsList();
        List<Row> faces = spark.read().parquet(dataset).collectAsList();
        assertEquals(faces.size(), manifest.size());
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(out);
        try (org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.newInstance(root.toUri(),
                spark.sparkContext().hadoopConfiguration())) {
            for (Row face : faces) {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(root, face.getString(0) + ".png");
                assertTrue(fs.exists(p), p + " written for table row " + face.getString(0));
                byte[] bytes;
                try (java.io.InputStream s = fs.open(p)) {
                    bytes = s.readAllBytes();
                }
                RgbImage restored = ImageCodec.defaults().decode(bytes, p.toString());
                assertEquals(RESOLUTION, restored.width(), "an aligned crop keeps its size");
            }
        }
        Path local = tmp.resolve("lake");
        Lake lake = Lake.write(local);
        org.apache.hadoop.fs.Path bucketIn = new org.apache.hadoop.fs.Path("s3a://lake/photos-in");
        try (org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.newInstance(bucketIn.toUri(),
                spark.sparkContext().hadoopConfiguration())) {
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), bucketIn);
        }
        CliRun.Outcome photos = cli("restore", List.of(), "--input", "s3a://lake/photos-in", "--output",
                "s3a://lake/photos-out", "--checkpoint", run.toString());
        assertEquals(0, photos.code(), photos.err());
        assertEquals(lake.inputs - lake.bad.size(), spark.read().parquet("s3a://lake/photos-out/_manifest").count());
        assertEquals(lake.bad.size(), spark.read().parquet("s3a://lake/photos-out/_quarantine").count());
        assertTrue(spark.read().parquet("s3a://lake/photos-out/_manifest")
                .filter("output = 's3a://lake/photos-out/odd/100% #1 ünï.png'").count() == 1,
                "names with spaces, % and # survive s3a");
    }

    @Test
    void aDriverKilledMidRunLeavesNothingHalfDoneAndTheRerunEqualsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("lake");
        Lake lake = Lake.write(in);
        Path whole = tmp.resolve("uninterrupted");
        Path killed = tmp.resolve("killed");
        List<String> waves = List.of("restore.wave-files=2");
        assertEquals(0, cli("restore", waves, "--input", in.toString(), "--output", whole.toString(),
                "--checkpoint", run.toString()).code());

        // The driver in a JVM of its own, killed (SIGKILL) once its first wave is committed.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), org.lrpo.jobs.cli.LrpoCli.class.getName(),
                "restore", "--input", in.toString(), "--output", killed.toString(), "--checkpoint", run.toString()));
        command.addAll(config("restore.wave-files=2"));
        Path log = tmp.resolve("killed-driver.log");
        Process driver = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + 240_000_000_000L;
        while (!committedWave(killed) && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(driver.isAlive(), "the driver was still running when killed:\n" + Files.readString(log));
        driver.destroyForcibly().waitFor();
        try (Stream<Path> files = Files.list(killed.resolve("_manifest"))) {
            System.out.println("killed driver's log:\n" + Files.readString(log) + "\nmanifest at the kill: "
                    + files.map(p -> p.getFileName().toString()).toList());
        }
        long doneBeforeKill = spark.read().parquet(killed.resolve("_manifest").toString()).count();
        assertTrue(doneBeforeKill < lake.inputs - lake.bad.size(), "killed in the middle: " + doneBeforeKill);

        CliRun.Outcome rerun = cli("restore", waves, "--input", in.toString(), "--output", killed.toString(),
                "--checkpoint", run.toString());
        assertEquals(0, rerun.code(), rerun.err());
        assertTrue(rerun.out().contains(doneBeforeKill + " already done"), rerun.out());
        assertEquals(lake.inputs - lake.bad.size() - doneBeforeKill, redone(rerun.out()), rerun.out());
        assertFalse(hasTemporaryFiles(killed), "no temporary files visible");
        assertEquals(images(whole), images(killed));
        for (String name : images(whole)) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(name)), Files.readAllBytes(killed.resolve(name)), name);
        }
        List<Row> manifest = spark.read().parquet(killed.resolve("_manifest").toString()).collectAsList();
        assertEquals(images(killed).size(), manifest.size(), "manifest rows = outputs, no duplicates");
        assertEquals(manifest.size(), manifest.stream().map(r -> r.getString(0)).distinct().count());
    }

    /** Restored plus no-face inputs of a run's summary line. */
    static long redone(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-> (\\d+) restored, (\\d+) without a face").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
    }

    private static boolean committedWave(Path out) throws IOException {
        Path manifest = out.resolve("_manifest");
        if (!Files.isDirectory(manifest)) {
            return false;
        }
        try (Stream<Path> s = Files.list(manifest)) {
            return s.anyMatch(p -> Files.exists(p.resolve("_SUCCESS")));
        }
    }

    @Test
    void upscaleEnlargesEveryOutputAndFormatsCanBeForced(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("two"));
        Scene scene = SceneGenerator.scene(5, 0, 128, 96, SceneOptions.defaults().withFaces(1, 1).withFaceSizes(40, 48)
                .withBorderCutProbability(0));
        Files.write(in.resolve("a.png"), ImageCodec.encodePng(scene.photo()));
        Files.write(in.resolve("b.gif"), OddImages.animatedGif(40, 30));
        Path out = tmp.resolve("out");
        CliRun.Outcome o = cli("restore", List.of("restore.upscale=2", "restore.format=jpeg", "restore.jpeg-quality=90"),
                "--input", in.toString(), "--output", out.toString(), "--checkpoint", run.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals(List.of("a.png.jpg", "b.gif.jpg"), images(out));
        RgbImage a = ImageCodec.defaults().decode(Files.readAllBytes(out.resolve("a.png.jpg")), "a");
        RgbImage b = ImageCodec.defaults().decode(Files.readAllBytes(out.resolve("b.gif.jpg")), "b");
        assertEquals(List.of(256, 192, 80, 60), List.of(a.width(), a.height(), b.width(), b.height()));
    }

    @Test
    void misuseFailsBeforeAnySparkWorkNamingTheProblem(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("lake");
        Lake.write(in);
        assertBad(cli("restore", List.of(), "--input", in.toString(), "--output", tmp.resolve("o1").toString(),
                "--checkpoint", tmp.resolve("no-run").toString()), "is not a trained run");
        assertBad(cli("restore", List.of(), "--input", in.toString(), "--output", in.resolve("out").toString(),
                "--checkpoint", run.toString()), "is inside input");
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "someone else's");
        assertBad(cli("restore", List.of(), "--input", in.toString(), "--output", foreign.toString(),
                "--checkpoint", run.toString()), "is not the output of an earlier restore");
        assertBad(cli("restore", List.of(), "--input", tmp.resolve("nothing-here").toString(), "--output",
                tmp.resolve("o2").toString(), "--checkpoint", run.toString()), "does not exist");
        assertBad(cli("restore", List.of("restore.upscale=3"), "--input", in.toString(), "--output",
                tmp.resolve("o3").toString(), "--checkpoint", run.toString()), "lrpo.restore.upscale");
    }

    private static void assertBad(CliRun.Outcome o, String messagePart) {
        assertEquals(2, o.code(), "exit code; stderr:\n" + o.err());
        assertTrue(o.err().contains(messagePart), "expected '" + messagePart + "' in:\n" + o.err());
        assertFalse(o.err().contains("\tat "), "a clear message, not a stack trace:\n" + o.err());
    }

    /** Output image files, relative, excluding the tables and markers. */
    static List<String> images(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> out.relativize(p).toString())
                    .filter(p -> !p.startsWith("_") && !p.contains("/_") && !p.startsWith(".") && !p.contains("/."))
                    .sorted().toList();
        }
    }

    static boolean hasTemporaryFiles(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            return s.anyMatch(p -> p.getFileName().toString().contains(OutputLayout.TEMP_MARK));
        }
    }

    static String relative(Path root, String input) {
        String base = root.toAbsolutePath().toString() + "/";
        int at = input.indexOf(base);
        return at < 0 ? input : input.substring(at + base.length());
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}

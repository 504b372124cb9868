package org.lrpo.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.jobs.testing.CliRun;
import org.lrpo.jobs.testing.CliRun.Outcome;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.spark.SparkSettings;
import org.lrpo.jobs.testing.S3ProxyServer;

/** The ingest job on real files with Spark local[2]: local folders, s3a:// on a real S3 server, the generator, the CLI. */
class IngestJobTest {
    @TempDir
    static Path shared;

    /** HOCON needs the brackets quoted. */
    static final String MASTER = "spark.master=\"local[2]\"";

    static S3ProxyServer s3;
    static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start(shared);
        s3.createBucket("faces");
        spark = SparkSessions.create(new SparkSettings("local[2]", "lrpo-test", s3.sparkSettings(shared.resolve("s3a-buffer"))),
                "ingest-test");
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

    @Test
    void folderBecomesUniqueFacesAndRejectsAndARerunReplacesIt(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        FaceFolder folder = FaceFolder.write(in);
        String out = tmp.resolve("datasets/faces").toUri().toString();

        IngestReport first = IngestJob.run(spark, FaceFolder.settings(3), new IngestSource.Files(in.toString()), out, false);
        System.out.println(first.summary());
        assertFolderDataset(spark, folder, in.toUri().toString(), out, first);
        List<Row> firstRows = FaceDataset.read(spark, out).orderBy(FaceDataset.ID).collectAsList();
        long files;
        try (Stream<Path> s = Files.list(Path.of(java.net.URI.create(out)))) {
            files = s.filter(p -> p.getFileName().toString().startsWith("part-")).count();
        }
        assertTrue(files >= 1 && files <= 3, "at most lrpo.ingest.partitions = 3 files, got " + files);

        // A crashed earlier run's staging folder beside the output is cleaned up by the next run.
        Files.createDirectories(tmp.resolve("datasets/.faces.ingest-crashed-run/part-x"));
        // Re-run into the same output: replaced, not appended; ids, bytes and splits are the same.
        IngestReport second = IngestJob.run(spark, FaceFolder.settings(3), new IngestSource.Files(in.toString()), out, false);
        assertEquals(first.ingested(), second.ingested());
        assertEquals(first.rejected(), second.rejected());
        List<Row> secondRows = FaceDataset.read(spark, out).orderBy(FaceDataset.ID).collectAsList();
        assertEquals(firstRows.size(), secondRows.size());
        for (int i = 0; i < firstRows.size(); i++) {
            Row a = firstRows.get(i);
            Row b = secondRows.get(i);
            assertEquals(a.getString(0), b.getString(0));
            assertArrayEquals((byte[]) a.get(1), (byte[]) b.get(1));
            assertEquals(a.getString(5), b.getString(5));
            assertEquals(a.getString(6), b.getString(6));
        }
        try (Stream<Path> s = Files.list(tmp.resolve("datasets"))) {
            assertEquals(List.of("faces"), s.map(p -> p.getFileName().toString()).toList(),
                    "no staging or old folders left beside the dataset");
        }
    }

    @Test
    void s3aInputAndOutputGiveTheSameDataset(@TempDir Path tmp) throws Exception {
        Path local = tmp.resolve("in");
        FaceFolder folder = FaceFolder.write(local);
        org.apache.hadoop.fs.Path bucketIn = new org.apache.hadoop.fs.Path("s3a://faces/in");
        try (FileSystem fs = FileSystem.newInstance(bucketIn.toUri(), spark.sparkContext().hadoopConfiguration())) {
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), bucketIn);
        }
        IngestReport report = IngestJob.run(spark, FaceFolder.settings(2), new IngestSource.Files("s3a://faces/in"),
                "s3a://faces/datasets/faces", false);
        System.out.println(report.summary());
        assertFolderDataset(spark, folder, "s3a://faces/in/", "s3a://faces/datasets/faces", report);
    }

    /** Everything the folder's dataset must hold, wherever it lives. */
    static void assertFolderDataset(SparkSession spark, FaceFolder folder, String inputUri, String out, IngestReport report)
            throws Exception {
        String base = inputUri.endsWith("/") ? inputUri : inputUri + "/";
        Map<String, Row> byId = FaceDataset.read(spark, out).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r));
        assertEquals(folder.good.size(), byId.size(), "one row per distinct good file: " + byId.keySet());
        assertEquals(folder.good.size(), report.ingested());
        assertEquals(folder.copies.size(), report.duplicates());
        FaceSplit split = new FaceSplit(0.3);
        for (Map.Entry<String, byte[]> e : folder.good.entrySet()) {
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e.getValue()));
            Row row = byId.get(id);
            assertTrue(row != null, e.getKey() + " missing (id " + id + ")");
            RgbImage original = ImageCodec.defaults().decode(e.getValue(), e.getKey());
            assertEquals(original.width(), row.getInt(2), e.getKey() + " width");
            assertEquals(original.height(), row.getInt(3), e.getKey() + " height");
            assertEquals(64, row.getInt(4));
            RgbImage hq = ImageCodec.defaults().decode((byte[]) row.get(1), id);
            assertEquals(64, hq.width());
            assertEquals(64, hq.height());
            assertEquals(split.isHeldOut(id) ? "heldout" : "train", row.getString(5));
            // A copy whose path sorts first is the kept source: de-duplication keeps the smallest path.
            String source = base + e.getKey();
            for (Map.Entry<String, String> c : folder.copies.entrySet()) {
                if (c.getValue().equals(e.getKey()) && c.getKey().compareTo(e.getKey()) < 0) {
                    source = base + c.getKey();
                }
            }
            assertEquals(source, normalise(row.getString(6)), e.getKey() + " source");
        }
        Map<String, String> rejects = new TreeMap<>();
        for (Row r : FaceDataset.readRejects(spark, out).collectAsList()) {
            rejects.put(normalise(r.getString(0)).substring(base.length()), r.getString(1));
            assertFalse(r.getString(2).isBlank());
        }
        Map<String, String> want = new TreeMap<>();
        folder.bad.forEach((k, v) -> want.put(k, v.name()));
        assertEquals(want, rejects);
        Map<RejectReason, Long> counts = new java.util.EnumMap<>(RejectReason.class);
        folder.bad.values().forEach(r -> counts.merge(r, 1L, Long::sum));
        assertEquals(counts, report.rejected());
        assertEquals(folder.good.size() + folder.copies.size() + folder.bad.size(), report.inputs());
    }

    /** Spark lists local files as file:/x, Path.toUri gives file:///x. */
    private static String normalise(String uri) {
        return uri.startsWith("file:/") && !uri.startsWith("file:///") ? "file://" + uri.substring(5) : uri;
    }

    @Test
    void generateThroughTheCliWritesTheGeneratorsFaces(@TempDir Path tmp) throws Exception {
        String out = tmp.resolve("gen").toString();
        Outcome o = cli("ingest", "--generate", "20", "--output", out, MASTER,
                "ingest.variants-per-identity=2", "ingest.partitions=3", "seed=11", "data.held-out-fraction=0.3");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("ingested:   40 faces"), o.out());
        List<Row> rows = FaceDataset.read(spark, out).orderBy(FaceDataset.ID).collectAsList();
        assertEquals(40, rows.size());
        Map<String, Long> splits = new TreeMap<>();
        for (Row r : rows) {
            String[] parts = r.getString(0).split("-");
            long identity = Long.parseLong(parts[1]);
            long variant = Long.parseLong(parts[2]);
            assertTrue(identity < 20 && variant < 2, r.getString(0));
            assertArrayEquals(ImageCodec.encodePng(FaceGenerator.face(11, identity, variant, 64)), (byte[]) r.get(1));
            assertEquals("generator", r.getString(6));
            splits.merge(r.getString(5), 1L, Long::sum);
        }
        assertEquals(List.of("heldout", "train"), List.copyOf(splits.keySet()), "both splits at 0.3 of 40 ids");
        assertEquals(0, FaceDataset.readRejects(spark, out).count());
    }

    @Test
    void badInputFailsBeforeAnySparkJobWithAClearMessage(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.write(empty.resolve(".only-hidden.png"), new byte[] {1});
        Path notDataset = Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(notDataset.resolve("notes.txt"), "keep me");
        String ok = tmp.resolve("ok").toString();
        List<String> jobs = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
                jobs.add(String.valueOf(start.properties().getProperty("spark.job.description")));
            }
        };
        spark.sparkContext().addSparkListener(listener);

        assertBad(cli("ingest", "--input", tmp.resolve("nope").toString(), "--output", ok, MASTER),
                "input " + tmp.resolve("nope") + " does not exist");
        assertBad(cli("ingest", "--input", tmp + "/*.jpeg", "--output", ok, MASTER),
                "matches no path");
        assertBad(cli("ingest", "--input", empty.toString(), "--output", ok, MASTER),
                "holds no files to read");
        assertBad(cli("ingest", "--generate", "3", "--output", notDataset.toString(), MASTER),
                "exists and is not a face dataset");
        Path images = Files.createDirectories(tmp.resolve("images"));
        Files.write(images.resolve("a.png"), org.lrpo.jobs.testing.OddImages.grayPng(64, 64));
        assertBad(cli("ingest", "--input", images.toString(), "--output", images.resolve("dataset").toString(), MASTER),
                "is inside input");
        // Both ways, globs included: --overwrite on an output holding the input would delete the input.
        assertBad(cli("ingest", "--input", images + "/*.png", "--output", images.resolve("dataset").toString(), MASTER),
                "is inside input");
        assertBad(cli("ingest", "--input", images.toString(), "--output", tmp.toString(), "--overwrite", MASTER),
                "is inside output");
        assertTrue(Files.exists(images.resolve("a.png")), "the input is untouched");
        assertBad(cli("ingest", "--generate", "0", "--output", ok, MASTER), "at least 1 identity");
        assertBad(cli("ingest", "--generate", "3", "--output", ok, MASTER, "ingest.partitions=0"),
                "lrpo.ingest.partitions = 0");
        assertBad(cli("ingest", "--generate", "3", "--output", ok, MASTER, "ingest.partitons=4"),
                "unknown key lrpo.ingest.partitons");
        Outcome both = cli("ingest", "--generate", "3", "--input", "x", "--output", ok);
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().contains("mutually exclusive"), both.err());

        // Listener events arrive in order: once the marker job's start is seen, any earlier job would be too.
        spark.sparkContext().setJobDescription("marker");
        spark.range(1).count();
        spark.sparkContext().setJobDescription(null);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!jobs.contains("marker") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        spark.sparkContext().removeSparkListener(listener);
        assertTrue(jobs.stream().allMatch("marker"::equals), "no Spark job ran before the bad input was refused: " + jobs);
        assertEquals("keep me", Files.readString(notDataset.resolve("notes.txt")));
        assertFalse(Files.exists(Path.of(ok)));

        Outcome replaced = cli("ingest", "--generate", "2", "--output", notDataset.toString(), "--overwrite",
                MASTER);
        assertEquals(0, replaced.code(), replaced.err());
        assertEquals(2, FaceDataset.read(spark, notDataset.toString()).count());
        assertFalse(Files.exists(notDataset.resolve("notes.txt")));
    }

    @Test
    void aFileThatCannotBeReadIsARejectNotAFailure(@TempDir Path tmp) throws Exception {
        // As root no permission bit stops a read; a file that vanished after listing is the unreadable case here.
        String gone = tmp.resolve("vanished.png").toUri().toString();
        FileDecoder decoder = new FileDecoder(FaceFolder.settings(1), JavaSparkContext.fromSparkContext(
                spark.sparkContext()).broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration())));
        List<Row> out = new java.util.ArrayList<>();
        decoder.call(List.of(RowFactory.create(gone)).iterator()).forEachRemaining(out::add);
        assertEquals(1, out.size());
        Row r = out.get(0);
        assertEquals(gone, r.getString(6));
        assertEquals("UNREADABLE", r.getString(7));
        assertTrue(r.getString(8).contains("vanished.png"), r.getString(8));
    }

    private static void assertBad(Outcome o, String messagePart) {
        assertEquals(2, o.code(), "exit code; stderr:\n" + o.err());
        assertTrue(o.err().contains(messagePart), "expected '" + messagePart + "' in:\n" + o.err());
        assertFalse(o.err().contains("\tat "), "a clear message, not a stack trace:\n" + o.err());
    }

    private static Outcome cli(String... args) {
        return CliRun.run(args);
    }
}

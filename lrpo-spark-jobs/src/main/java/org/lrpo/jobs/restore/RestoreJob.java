package org.lrpo.jobs.restore;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.io.InputFiles;
import org.lrpo.jobs.io.LakePaths;
import org.lrpo.jobs.train.RunSpec;
import org.lrpo.rewards.faces.FaceModelFiles;
import org.lrpo.rewards.faces.FaceModelsNotFoundException;

/**
 * The {@code restore} job: whole photos (or aligned face crops) of a folder, glob or Parquet table on any
 * Hadoop file system, restored with the two-stage model, nothing lost.
 *
 * <ol>
 *   <li>Check everything on the driver before any Spark job: input, output (not inside the input, not
 *       another job's folder), the run's checkpoints (stage 1 and a policy trained against it), the
 *       face-api weights.
 *   <li>List the input (Spark's {@code binaryFile} file index: paths only; the driver holds one path
 *       string per input) or read the table's ids; look up what earlier runs into the same output did
 *       with the same models ({@code _manifest}).
 *   <li>In waves of {@code lrpo.restore.wave-files} inputs: spread them over tasks by path hash; executors
 *       read, restore and write ({@link RestorePartition}); the wave's manifest rows are appended to
 *       {@code _manifest} by Spark's commit protocol, its quarantined inputs to {@code _quarantine}, and with
 *       {@code restore.output = table} its images to {@code restored} (before the manifest).
 *   <li>Sweep temporary files that killed tasks left; report the counts.
 * </ol>
 * A re-run into the same output restores only what is not done yet; a killed run loses at most a wave,
 * and its redone outputs are byte-identical (every draw is keyed by content hash and face index).
 */
public final class RestoreJob {
    private RestoreJob() {}

    /** What to restore. */
    public sealed interface Source {
        /** A folder or glob of image files. */
        record Files(String input) implements Source {}

        /** A Parquet table with an id and an image-bytes column. */
        record Table(String input) implements Source {}
    }

    /** @param spec the run's configuration, which executors read the networks' shapes and the sampler from */
    public static RestoreReport run(SparkSession spark, RunSpec spec, RestoreSettings settings, Source source,
                                    String output, String checkpoint, boolean aligned, PrintStream out) {
        LrpoSettings lrpo = spec.settings();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        String input = source instanceof Source.Files f ? f.input() : ((Source.Table) source).input();
        if (source instanceof Source.Files) {
            InputFiles.requireSomeFile(hadoop, input, settings.filePattern(), "lrpo.restore.file-pattern");
        } else {
            requireTable(spark, input, settings);
        }
        InputFiles.requireOutputOutsideInput(hadoop, input, output);
        Path outRoot = prepareOutput(hadoop, output);
        requireFaceModels();
        RestoreModels models = RestoreModels.load(hadoop, checkpoint, lrpo);
        out.println("restore: stage 1 " + models.stage1().fingerprint().substring(0, 12) + ", policy "
                + models.policyFingerprint().substring(0, 12) + " from " + models.policySource());

        long start = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        spark.sparkContext().setJobGroup("lrpo-restore", "restore " + input + " into " + outRoot, false);
        try {
            sweepTemporaryFiles(hadoop, outRoot);
            Waves listed = waves(spark, source, input, settings);
            List<Dataset<Row>> waves = listed.parts();
            Dataset<Row> done = done(spark, outRoot, models, aligned);
            OutputLayout layout = new OutputLayout(inputRoot(hadoop, input), outRoot.toString(), settings.format());
            RestorePartition restore = new RestorePartition(settings, spec, layout, jsc.broadcast(models),
                    jsc.broadcast(new SerializableConfiguration(hadoop)), aligned);
            Counts counts = new Counts();
            String manifest = new Path(outRoot, OutputLayout.MANIFEST).toString();
            String quarantine = new Path(outRoot, OutputLayout.QUARANTINE).toString();
            String restored = new Path(outRoot, OutputLayout.RESTORED).toString();
            sweepUncommittedImages(hadoop, outRoot);
            deleteIfExists(hadoop, new Path(quarantine));
            String runId = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
            for (int w = 0; w < waves.size(); w++) {
                // Each wave into a folder of its own (a partition column "wave" to readers): Spark re-caches
                // cached plans that read a path when that path is written, which would recompute this wave's
                // rows against a done-list that now holds them.
                String wave = String.format("/wave=%s-%05d", runId, w);
                spark.sparkContext().setJobDescription(String.format("restore: wave %d of %d", w + 1, waves.size()));
                Dataset<Row> rows = waves.get(w)
                        .join(done, col(ManifestRows.INPUT).equalTo(col("done_input")), "left")
                        .select(col(ManifestRows.INPUT), col("listed"), col("bytes"), col("done_sha256"))
                        .repartition(settings.partitions(), col(ManifestRows.INPUT))
                        .mapPartitions(restore, Encoders.row(ManifestRows.SCHEMA))
                        .persist(StorageLevel.MEMORY_AND_DISK());
                try {
                    // The counts' aggregation runs the restoration with one task per partition and fills the
                    // cache; the writes after it merge cached rows only. (A coalesce in the first action would
                    // pull the whole wave's restoration into as few tasks as it keeps.)
                    counts.add(rows);
                    Dataset<Row> finished = rows.filter(col(ManifestRows.STATUS).isin("restored", "no_face"))
                            .coalesce(Math.max(1, settings.partitions() / 4));
                    if (settings.output() == RestoreSettings.Output.TABLE) {
                        // Before the manifest: a wave's images count only once its manifest is committed, and the
                        // next run deletes images of a wave whose manifest never was (sweepUncommittedImages).
                        finished.select(col(ManifestRows.INPUT), col(ManifestRows.OUTPUT), col(ManifestRows.CONTENT_SHA256),
                                col(ManifestRows.IMAGE)).write().mode(SaveMode.ErrorIfExists).parquet(restored + wave);
                    }
                    finished.drop(ManifestRows.IMAGE).write().mode(SaveMode.ErrorIfExists).parquet(manifest + wave);
                    rows.filter(col(ManifestRows.STATUS).equalTo("quarantined")).drop(ManifestRows.IMAGE).coalesce(1)
                            .write().mode(SaveMode.ErrorIfExists).parquet(quarantine + wave);
                } finally {
                    rows.unpersist();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long finished = counts.inputs();
                long total = listed.total();
                out.printf("restore: %d/%d inputs (%d quarantined), %.2f faces/s, ETA %s%n", finished, total,
                        counts.quarantinedTotal(), counts.faces / seconds,
                        finished == 0 ? "?" : org.lrpo.jobs.local.ProgressLine.format(seconds / finished * (total - finished)));
            }
            sweepTemporaryFiles(hadoop, outRoot);
            return new RestoreReport(outRoot.toString(), counts.inputs(), counts.restored, counts.noFace,
                    counts.skipped, counts.quarantined, counts.faces, (System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /**
     * Inputs as {@link RestorePartition#INPUT} rows without the done column: listed files sorted by name and
     * cut into waves of {@code wave-files}, or a table as one wave (its bytes stay on the executors).
     */
    private record Waves(List<Dataset<Row>> parts, long total) {}

    private static Waves waves(SparkSession spark, Source source, String input, RestoreSettings settings) {
        if (source instanceof Source.Files) {
            spark.sparkContext().setJobDescription("restore: list " + input);
            String[] listed = spark.read().format("binaryFile")
                    .option("pathGlobFilter", settings.filePattern())
                    .option("recursiveFileLookup", "true")
                    .load(input)
                    .inputFiles();
            List<Row> rows = new ArrayList<>(listed.length);
            for (String l : listed) {
                rows.add(RowFactory.create(LakePaths.readable(LakePaths.fromListing(l)), l, null));
            }
            rows.sort(java.util.Comparator.comparing(r -> r.getString(0)));
            List<Dataset<Row>> waves = new ArrayList<>();
            for (int i = 0; i < rows.size(); i += settings.waveFiles()) {
                waves.add(spark.createDataFrame(rows.subList(i, Math.min(rows.size(), i + settings.waveFiles())),
                        inputSchema()));
            }
            return new Waves(waves, rows.size());
        }
        Dataset<Row> table = spark.read().parquet(input);
        return new Waves(List.of(table.select(
                col(settings.tableIdColumn()).cast("string").as(ManifestRows.INPUT),
                lit(null).cast("string").as("listed"),
                col(settings.tableBytesColumn()).cast("binary").as("bytes"))), table.count());
    }

    /** {@link RestorePartition#INPUT} before the done lookup. */
    private static org.apache.spark.sql.types.StructType inputSchema() {
        return new org.apache.spark.sql.types.StructType(Arrays.copyOf(RestorePartition.INPUT.fields(), 3));
    }

    /** (done_input, done_sha256) of inputs an earlier run restored with the same models and mode. */
    private static Dataset<Row> done(SparkSession spark, Path outRoot, RestoreModels models, boolean aligned)
            throws IOException {
        Path manifest = new Path(outRoot, OutputLayout.MANIFEST);
        FileSystem fs = manifest.getFileSystem(spark.sparkContext().hadoopConfiguration());
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("done_input", org.apache.spark.sql.types.DataTypes.StringType)
                .add("done_sha256", org.apache.spark.sql.types.DataTypes.StringType);
        if (!hasData(fs, manifest)) {
            return spark.createDataFrame(List.of(), schema);
        }
        // Through the wave= folders: Spark ignores (and warns about) a path whose own name starts with "_".
        return spark.read().option("basePath", manifest.toString()).parquet(manifest + "/wave=*")
                .filter(col(ManifestRows.STAGE1).equalTo(models.stage1().fingerprint())
                        .and(col(ManifestRows.POLICY).equalTo(models.policyFingerprint()))
                        .and(col(ManifestRows.MODE).equalTo(RestorePartition.mode(aligned))))
                .select(col(ManifestRows.INPUT).as("done_input"), col(ManifestRows.CONTENT_SHA256).as("done_sha256"))
                .dropDuplicates("done_input");
    }

    /** Whether {@code dir} holds a committed wave folder. */
    private static boolean hasData(FileSystem fs, Path dir) throws IOException {
        if (!fs.exists(dir)) {
            return false;
        }
        for (FileStatus s : fs.listStatus(dir)) {
            if (s.isDirectory() && s.getPath().getName().startsWith("wave=")
                    && fs.exists(new Path(s.getPath(), "_SUCCESS"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The qualified output folder, created and marked as a restore's; refuses a non-empty folder that is not
     * one (it holds another job's results).
     */
    private static Path prepareOutput(Configuration hadoop, String output) {
        try {
            Path out = new Path(output);
            FileSystem fs = out.getFileSystem(hadoop);
            Path root = fs.makeQualified(out);
            Path marker = new Path(root, OutputLayout.MARKER);
            if (fs.exists(root)) {
                if (!fs.getFileStatus(root).isDirectory()) {
                    throw new BadInputException("output " + output + " is a file, not a folder");
                }
                if (!fs.exists(marker) && fs.listStatus(root).length > 0) {
                    throw new BadInputException("output " + output + " is not empty and is not the output of an "
                            + "earlier restore: choose an empty or new folder (a restore never mixes its files with "
                            + "others')");
                }
            }
            fs.mkdirs(root);
            if (!fs.exists(marker)) {
                fs.create(marker, false).close();
            }
            return root;
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("cannot prepare output " + output + ": " + e.getMessage(), e);
        }
    }

    private static void requireTable(SparkSession spark, String input, RestoreSettings s) {
        org.apache.spark.sql.types.StructType schema;
        try {
            schema = spark.read().parquet(input).schema();
        } catch (RuntimeException e) {
            throw new BadInputException("cannot read Parquet table " + input + ": " + e.getMessage(), e);
        }
        List<String> names = Arrays.asList(schema.fieldNames());
        for (String c : List.of(s.tableIdColumn(), s.tableBytesColumn())) {
            if (!names.contains(c)) {
                throw new BadInputException("table " + input + " has no column '" + c + "' (it has " + names
                        + "); set lrpo.restore.table.id-column and lrpo.restore.table.bytes-column");
            }
        }
        if (!(schema.apply(s.tableBytesColumn()).dataType() instanceof org.apache.spark.sql.types.BinaryType)) {
            throw new BadInputException("column '" + s.tableBytesColumn() + "' of table " + input + " holds "
                    + schema.apply(s.tableBytesColumn()).dataType().simpleString() + ", not image bytes (binary)");
        }
    }

    /** Fails with the fetch instructions when the face-api weights are not installed. */
    public static void requireFaceModels() {
        try {
            FaceModelFiles files = FaceModelFiles.locate();
            for (String m : List.of(org.lrpo.rewards.faces.TinyFaceDetector.MODEL_NAME,
                    org.lrpo.rewards.faces.FaceLandmark68Net.MODEL_NAME,
                    org.lrpo.rewards.faces.FaceDescriptorNet.MODEL_NAME)) {
                files.manifest(m);
            }
        } catch (FaceModelsNotFoundException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** The folder output paths are relative to: the input folder, or the folder part of a glob. */
    private static String inputRoot(Configuration hadoop, String input) throws IOException {
        Path p = new Path(input);
        if (InputFiles.hasGlob(input)) {
            while (p.getParent() != null && InputFiles.hasGlob(p.toString())) {
                p = p.getParent();
            }
        }
        FileSystem fs = p.getFileSystem(hadoop);
        Path q = fs.makeQualified(p);
        if (fs.exists(q) && fs.getFileStatus(q).isFile()) {
            q = q.getParent();
        }
        return q.toString();
    }

    /**
     * Deletes the waves of the restored table whose manifest wave was never committed (a driver killed between the
     * two writes): their inputs are not done, so this run restores them again.
     */
    private static void sweepUncommittedImages(Configuration hadoop, Path root) throws IOException {
        Path images = new Path(root, OutputLayout.RESTORED);
        FileSystem fs = images.getFileSystem(hadoop);
        if (!fs.exists(images)) {
            return;
        }
        for (FileStatus s : fs.listStatus(images)) {
            Path committed = new Path(new Path(root, OutputLayout.MANIFEST), s.getPath().getName() + "/_SUCCESS");
            if (s.isDirectory() && s.getPath().getName().startsWith("wave=") && !fs.exists(committed)) {
                fs.delete(s.getPath(), true);
            }
        }
    }

    /** Deletes the temporary files killed tasks left (streamed: the driver holds one listing page at a time). */
    private static void sweepTemporaryFiles(Configuration hadoop, Path root) throws IOException {
        FileSystem fs = root.getFileSystem(hadoop);
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        while (files.hasNext()) {
            Path p = files.next().getPath();
            if (p.getName().startsWith(".") && p.getName().contains(OutputLayout.TEMP_MARK)) {
                fs.delete(p, false);
            }
        }
    }

    private static void deleteIfExists(Configuration hadoop, Path p) throws IOException {
        FileSystem fs = p.getFileSystem(hadoop);
        if (fs.exists(p)) {
            fs.delete(p, true);
        }
    }

    /** Counts over the waves. */
    private static final class Counts {
        long restored;
        long noFace;
        long skipped;
        long faces;
        final Map<String, Long> quarantined = new HashMap<>();

        void add(Dataset<Row> rows) {
            // One aggregation: inputs per status and reason, and faces pasted (size(null) is -1 in Spark).
            for (Row r : rows.groupBy(col(ManifestRows.STATUS), col(ManifestRows.REASON))
                    .agg(org.apache.spark.sql.functions.count(lit(1)), org.apache.spark.sql.functions.expr(
                            "coalesce(sum(CASE WHEN faces IS NULL THEN 0 ELSE size(filter(faces, x -> x.pasted)) END), 0)"))
                    .collectAsList()) {
                long n = r.getLong(2);
                faces += ((Number) r.get(3)).longValue();
                switch (r.getString(0)) {
                    case "restored" -> restored += n;
                    case "no_face" -> noFace += n;
                    case "skipped_done" -> skipped += n;
                    default -> quarantined.merge(r.getString(1), n, Long::sum);
                }
            }
        }

        long quarantinedTotal() {
            return quarantined.values().stream().mapToLong(Long::longValue).sum();
        }

        long inputs() {
            return restored + noFace + skipped + quarantinedTotal();
        }
    }
}

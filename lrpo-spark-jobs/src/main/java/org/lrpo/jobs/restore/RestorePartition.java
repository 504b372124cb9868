package org.lrpo.jobs.restore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.ImageDecodeException;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.random.Seeds;
import org.lrpo.jobs.io.LakeFileReader;
import org.lrpo.jobs.io.LakePaths;
import org.lrpo.jobs.train.RunSpec;

/**
 * Executor side of a restore: for each input (a listed file, or a table row's bytes) read it, hash it,
 * skip it when an earlier run restored the same content with the same models, decode, restore
 * ({@link PhotoRestorer}), encode and write the output through a temporary name ({@link OutputLayout}), or
 * keep its bytes in the row for the restored table, and return its manifest row. Anything wrong with an input becomes a {@code quarantined} row with a
 * reason and the task goes on; only a failure to write the output fails the task (Spark retries it, and
 * the retry writes the same bytes).
 */
final class RestorePartition implements MapPartitionsFunction<Row, Row> {
    /** The rows executors receive: the input's readable name, and either its listed URI or its bytes. */
    static final StructType INPUT = new StructType()
            .add(ManifestRows.INPUT, DataTypes.StringType, false)
            .add("listed", DataTypes.StringType)
            .add("bytes", DataTypes.BinaryType)
            .add("done_sha256", DataTypes.StringType);

    /** Quarantine reason of an input whose restoration threw: a bug or a resource limit, never silent. */
    static final String FAILED = "FAILED";
    private static final float[] WHITE = {1f, 1f, 1f};

    private final RestoreSettings settings;
    private final RunSpec spec;
    private final OutputLayout layout;
    private final Broadcast<RestoreModels> models;
    private final Broadcast<SerializableConfiguration> hadoop;
    private final boolean aligned;

    RestorePartition(RestoreSettings settings, RunSpec spec, OutputLayout layout, Broadcast<RestoreModels> models,
                     Broadcast<SerializableConfiguration> hadoop, boolean aligned) {
        this.settings = settings;
        this.spec = spec;
        this.layout = layout;
        this.models = models;
        this.hadoop = hadoop;
        this.aligned = aligned;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> inputs) {
        LakeFileReader reader = new LakeFileReader(hadoop.value().value(), settings.maxFileBytes(),
                "lrpo.restore.max-file-bytes");
        TaskContext task = TaskContext.get();
        long attempt = task == null ? 0 : task.taskAttemptId();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> reader.close());
        }
        RestoreModels m = models.value();
        ManifestRows.Models ids = new ManifestRows.Models(m.stage1().fingerprint(), m.policyFingerprint(), mode(aligned));
        ImageCodec codec = new ImageCodec(settings.maxImagePixels(), WHITE);
        PhotoRestorer[] restorer = new PhotoRestorer[1];
        int partition = task == null ? 0 : task.partitionId();
        boolean[] wroteOne = {false};
        LrpoSettings lrpo = spec.settings();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return inputs.hasNext();
            }

            @Override
            public Row next() {
                Row in = inputs.next();
                String name = in.getString(0);
                byte[] bytes;
                Path file = in.isNullAt(1) ? null : LakePaths.fromListing(in.getString(1));
                try {
                    bytes = file == null ? (byte[]) in.get(2) : reader.read(file);
                } catch (LakeFileReader.ReadFailure e) {
                    return ManifestRows.quarantined(name, null, e.tooLarge() ? "TOO_LARGE" : "UNREADABLE",
                            e.getMessage(), ids);
                }
                String hash = sha256(bytes);
                if (!in.isNullAt(3) && in.getString(3).equals(hash)) {
                    return ManifestRows.skipped(name, hash, ids);
                }
                Map<String, Double> seconds = new LinkedHashMap<>();
                long t0 = System.nanoTime();
                RgbImage image;
                try {
                    image = codec.decode(bytes, name);
                } catch (ImageDecodeException e) {
                    return ManifestRows.quarantined(name, hash, e.reason().name(), e.getMessage(), ids);
                } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                    // One image must never fail the task: a huge one may exhaust a small executor's heap.
                    return ManifestRows.quarantined(name, hash, FAILED, "decoding '" + name + "' failed: " + e, ids);
                }
                seconds.put("decode", (System.nanoTime() - t0) / 1e9);
                RestoredPhoto photo;
                try {
                    if (restorer[0] == null) {
                        restorer[0] = new PhotoRestorer(settings, lrpo.model().resolution(),
                                RestorationChain.get(m, lrpo), FaceFinder.get(), CropMetrics.get(lrpo.model().resolution()));
                    }
                    photo = restorer[0].restore(image, hash, aligned);
                } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                    return ManifestRows.quarantined(name, hash, FAILED, "restoring '" + name + "' failed: " + e, ids);
                }
                seconds.putAll(photo.seconds());
                OutputLayout.Target target = file == null ? layout.forTableRow(name, bytes) : layout.forFile(file);
                long t1 = System.nanoTime();
                byte[] encoded = target.encoding() == RestoreSettings.OutputFormat.JPEG
                        ? ImageCodec.encodeJpeg(photo.image(), settings.jpegQuality())
                        : ImageCodec.encodePng(photo.image());
                seconds.put("encode", (System.nanoTime() - t1) / 1e9);
                boolean toTable = settings.output() == RestoreSettings.Output.TABLE;
                if (!toTable) {
                    long t2 = System.nanoTime();
                    try {
                        FileSystem fs = reader.fileSystem(target.path());
                        OutputLayout.write(fs, target.path(), encoded, attempt);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write " + target.path() + " (restored from " + name + ")",
                                e);
                    }
                    seconds.put("write", (System.nanoTime() - t2) / 1e9);
                }
                if (!wroteOne[0]) {
                    wroteOne[0] = true;
                    // The hardest moment to fail: an output is complete but its manifest row is not committed.
                    // Chosen by the input's content, not its path (a test's lake lives under a random temporary
                    // folder) nor Spark's stage id (it counts the stages run before): the same tasks fail every run.
                    settings.faults().maybeFail("restore", Seeds.idCoordinate(hash), 0, partition);
                }
                String output = toTable ? layout.relativeName(target) : LakePaths.readable(target.path());
                return ManifestRows.restored(name, hash, output, image.width(), image.height(), photo, seconds, ids,
                        toTable ? encoded : null);
            }
        };
    }

    static String mode(boolean aligned) {
        return aligned ? "aligned" : "whole";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

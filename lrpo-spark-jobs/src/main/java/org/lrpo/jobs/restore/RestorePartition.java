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
 * keep its bytes in the row for the restored table, and return its manifest row. Reading, decoding, encoding
 * and writing overlap the models' work on the neighbouring inputs ({@link OverlappedStages},
 * {@code restore.overlap-io}). Anything wrong with an input becomes a {@code quarantined} row with a reason and
 * the task goes on; only a failure to write the output fails the task (Spark retries it, and the retry writes
 * the same bytes).
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
        int partition = task == null ? 0 : task.partitionId();
        RestoreModels m = models.value();
        ManifestRows.Models ids = new ManifestRows.Models(m.stage1().fingerprint(), m.policyFingerprint(), mode(aligned));
        Stages stages = new Stages(reader, new ImageCodec(settings.maxImagePixels(), WHITE), ids, attempt);
        OverlappedStages<Row, Loaded, Worked, Row> rows = new OverlappedStages<>(inputs, settings.overlapIo(),
                "restore-io-" + partition, stages::load, stages::work, stages::store);
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> {
                rows.close();
                reader.close();
            });
        }
        boolean[] wroteOne = {false};
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row row = rows.next();
                if (!wroteOne[0] && ManifestRows.hasOutput(row)) {
                    wroteOne[0] = true;
                    // The hardest moment to fail: an output is complete but its manifest row is not committed.
                    // Chosen by the input's content, not its path (a test's lake lives under a random temporary
                    // folder) nor Spark's stage id (it counts the stages run before): the same tasks fail every run.
                    settings.faults().maybeFail("restore",
                            Seeds.idCoordinate(ManifestRows.contentHash(row)), 0, partition);
                }
                return row;
            }
        };
    }

    /** An input read, hashed and decoded. */
    private record Loaded(String name, Path file, byte[] bytes, String hash, RgbImage image,
                          Map<String, Double> seconds) {}

    /** An input restored, ready to encode and write. */
    private record Worked(Loaded in, RestoredPhoto photo) {}

    /**
     * One task's three stages. {@link #load} and {@link #store} may run on the helper thread of
     * {@link OverlappedStages}, never two at once; {@link #work} runs on the task's thread, which holds the models.
     */
    private final class Stages {
        private final LakeFileReader reader;
        private final ImageCodec codec;
        private final ManifestRows.Models ids;
        private final long attempt;
        private final LrpoSettings lrpo = spec.settings();
        private PhotoRestorer restorer;

        Stages(LakeFileReader reader, ImageCodec codec, ManifestRows.Models ids, long attempt) {
            this.reader = reader;
            this.codec = codec;
            this.ids = ids;
            this.attempt = attempt;
        }

        OverlappedStages.Step<Loaded, Row> load(Row in) {
            String name = in.getString(0);
            byte[] bytes;
            Path file = in.isNullAt(1) ? null : LakePaths.fromListing(in.getString(1));
            try {
                bytes = file == null ? (byte[]) in.get(2) : reader.read(file);
            } catch (LakeFileReader.ReadFailure e) {
                return OverlappedStages.Step.done(ManifestRows.quarantined(name, null,
                        e.tooLarge() ? "TOO_LARGE" : "UNREADABLE", e.getMessage(), ids));
            }
            String hash = sha256(bytes);
            if (!in.isNullAt(3) && in.getString(3).equals(hash)) {
                return OverlappedStages.Step.done(ManifestRows.skipped(name, hash, ids));
            }
            Map<String, Double> seconds = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            RgbImage image;
            try {
                image = codec.decode(bytes, name);
            } catch (ImageDecodeException e) {
                return OverlappedStages.Step.done(ManifestRows.quarantined(name, hash, e.reason().name(),
                        e.getMessage(), ids));
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                // One image must never fail the task: a huge one may exhaust a small executor's heap.
                return OverlappedStages.Step.done(ManifestRows.quarantined(name, hash, FAILED,
                        "decoding '" + name + "' failed: " + e, ids));
            }
            seconds.put("decode", (System.nanoTime() - t0) / 1e9);
            return OverlappedStages.Step.next(new Loaded(name, file, bytes, hash, image, seconds));
        }

        OverlappedStages.Step<Worked, Row> work(Loaded in) {
            try {
                if (restorer == null) {
                    restorer = new PhotoRestorer(settings, lrpo.model().resolution(), RestorationChain.get(models.value(),
                            lrpo), FaceFinder.get(), CropMetrics.get(lrpo.model().resolution()));
                }
                return OverlappedStages.Step.next(new Worked(in, restorer.restore(in.image(), in.hash(), aligned)));
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                return OverlappedStages.Step.done(ManifestRows.quarantined(in.name(), in.hash(), FAILED,
                        "restoring '" + in.name() + "' failed: " + e, ids));
            }
        }

        Row store(Worked w) {
            Loaded in = w.in();
            RestoredPhoto photo = w.photo();
            Map<String, Double> seconds = new LinkedHashMap<>(in.seconds());
            seconds.putAll(photo.seconds());
            OutputLayout.Target target = in.file() == null ? layout.forTableRow(in.name(), in.bytes())
                    : layout.forFile(in.file());
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
                    throw new UncheckedIOException("cannot write " + target.path() + " (restored from " + in.name()
                            + ")", e);
                }
                seconds.put("write", (System.nanoTime() - t2) / 1e9);
            }
            String output = toTable ? layout.relativeName(target) : LakePaths.readable(target.path());
            return ManifestRows.restored(in.name(), in.hash(), output, in.image().width(), in.image().height(), photo,
                    seconds, ids, toTable ? encoded : null);
        }
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

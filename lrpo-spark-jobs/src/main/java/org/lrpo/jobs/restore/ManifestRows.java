package org.lrpo.jobs.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Rows of a restore's {@code _manifest} (one per input the run restored) and {@code _quarantine} (one per input
 * it could not, with the reason) tables; both have this schema, and so does the per-wave result of the
 * executors, whose {@code skipped_done} rows go to neither.
 */
final class ManifestRows {
    static final String INPUT = "input";
    static final String CONTENT_SHA256 = "content_sha256";
    static final String OUTPUT = "output";
    static final String STATUS = "status";
    static final String REASON = "reason";
    static final String STAGE1 = "stage1_sha256";
    static final String POLICY = "policy_sha256";
    static final String MODE = "mode";
    static final String FACES = "faces";
    /** The encoded restored image, only with {@code restore.output = table}; never written to the manifest. */
    static final String IMAGE = "image";

    /** What became of an input. */
    enum Status {
        /** Restored; at least one face found. */
        RESTORED,
        /** No face found: the photo went through stage 1 only (or was copied, with stage 1 off). */
        NO_FACE,
        /** Restored by an earlier run with the same models (same content hash): not redone. */
        SKIPPED_DONE,
        /** Could not be processed: see {@code reason} and {@code message}. */
        QUARANTINED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final StructType FACE = new StructType()
            .add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
            .add("width", DataTypes.DoubleType).add("height", DataTypes.DoubleType)
            .add("score", DataTypes.DoubleType)
            .add("points", DataTypes.createArrayType(DataTypes.DoubleType, false))
            .add("pasted", DataTypes.BooleanType)
            .add("skipped", DataTypes.StringType)
            .add("identity_cosine", DataTypes.DoubleType)
            .add("niqe_in", DataTypes.DoubleType)
            .add("niqe_out", DataTypes.DoubleType);

    static final StructType SCHEMA = new StructType()
            .add(INPUT, DataTypes.StringType, false)
            .add(CONTENT_SHA256, DataTypes.StringType)
            .add(OUTPUT, DataTypes.StringType)
            .add(STATUS, DataTypes.StringType, false)
            .add(REASON, DataTypes.StringType)
            .add("message", DataTypes.StringType)
            .add("width", DataTypes.IntegerType)
            .add("height", DataTypes.IntegerType)
            .add(FACES, DataTypes.createArrayType(FACE, false))
            .add("seconds", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false))
            .add(STAGE1, DataTypes.StringType, false)
            .add(POLICY, DataTypes.StringType, false)
            .add(MODE, DataTypes.StringType, false)
            .add(IMAGE, DataTypes.BinaryType);

    /** Identifies the models and mode a row was produced with. */
    record Models(String stage1, String policy, String mode) implements java.io.Serializable {}

    private ManifestRows() {}

    /** @param image the encoded output when it goes to the restored table, else null (it was written as a file) */
    static Row restored(String input, String hash, String output, int width, int height, RestoredPhoto photo,
                        Map<String, Double> seconds, Models m, byte[] image) {
        List<Row> faces = new ArrayList<>(photo.faces().size());
        for (FaceOutcome f : photo.faces()) {
            faces.add(RowFactory.create(f.x(), f.y(), f.width(), f.height(), f.score(),
                    seq(boxed(f.points())), f.pasted(), f.skipped(),
                    f.identityCosine(), f.niqeIn(), f.niqeOut()));
        }
        Status status = photo.noFace() ? Status.NO_FACE : Status.RESTORED;
        return RowFactory.create(input, hash, output, status.label(), null, null, width, height,
                seq(faces), JavaConverters.mapAsScalaMap(seconds), m.stage1(),
                m.policy(), m.mode(), image);
    }

    /** Whether {@code row} (one this class made) names an output this run wrote. */
    static boolean hasOutput(Row row) {
        return !row.isNullAt(2);
    }

    /** The content hash of {@code row} (one this class made); null when the input could not be read. */
    static String contentHash(Row row) {
        return row.getString(1);
    }

    static Row skipped(String input, String hash, Models m) {
        return RowFactory.create(input, hash, null, Status.SKIPPED_DONE.label(), null, null, null, null, null, null,
                m.stage1(), m.policy(), m.mode(), null);
    }

    static Row quarantined(String input, String hash, String reason, String message, Models m) {
        return RowFactory.create(input, hash, null, Status.QUARANTINED.label(), reason, message, null, null, null,
                null, m.stage1(), m.policy(), m.mode(), null);
    }

    /** Spark's row encoder takes Scala collections for array and map columns. */
    private static <T> scala.collection.Seq<T> seq(List<T> list) {
        return JavaConverters.asScalaBuffer(list).toList();
    }

    private static List<Double> boxed(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(d);
        }
        return out;
    }
}

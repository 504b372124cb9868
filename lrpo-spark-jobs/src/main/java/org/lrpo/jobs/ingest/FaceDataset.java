package org.lrpo.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet face dataset that {@code lrpo ingest} writes and the training jobs read.
 *
 * <p>Layout of a dataset directory (any Hadoop file system):
 * <pre>
 *   DATASET/part-*.parquet      one row per face, columns {@link #SCHEMA}, files hash-partitioned by id
 *   DATASET/_rejects/*.parquet  one row per rejected input, columns {@link #REJECTS_SCHEMA}
 *   DATASET/_SUCCESS            written last: the dataset is complete
 * </pre>
 * Spark and Parquet readers skip names starting with {@code _}, so {@code spark.read().parquet(DATASET)}
 * sees the faces only.
 *
 * <p>Columns: {@code id} (stable, see {@link FaceIds}), {@code hq_png} (8-bit RGB PNG, centre square resized
 * to {@code resolution x resolution}), {@code width}/{@code height} (of the original image), {@code resolution},
 * {@code split} ({@value #TRAIN} or {@value #HELD_OUT}, by {@link org.lrpo.core.train.FaceSplit} on the id) and
 * {@code source} (the input file's URI, or {@value #GENERATOR_SOURCE}).
 */
public final class FaceDataset {
    public static final String ID = "id";
    public static final String HQ_PNG = "hq_png";
    public static final String WIDTH = "width";
    public static final String HEIGHT = "height";
    public static final String RESOLUTION = "resolution";
    public static final String SPLIT = "split";
    public static final String SOURCE = "source";

    public static final String TRAIN = "train";
    public static final String HELD_OUT = "heldout";
    public static final String GENERATOR_SOURCE = "generator";

    public static final String REJECTS_DIR = "_rejects";
    public static final String SUCCESS_MARKER = "_SUCCESS";
    public static final String REJECT_PATH = "path";
    public static final String REJECT_REASON = "reason";
    public static final String REJECT_MESSAGE = "message";

    /** Columns of the faces table, in this order. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField(ID, DataTypes.StringType, false),
        DataTypes.createStructField(HQ_PNG, DataTypes.BinaryType, false),
        DataTypes.createStructField(WIDTH, DataTypes.IntegerType, false),
        DataTypes.createStructField(HEIGHT, DataTypes.IntegerType, false),
        DataTypes.createStructField(RESOLUTION, DataTypes.IntegerType, false),
        DataTypes.createStructField(SPLIT, DataTypes.StringType, false),
        DataTypes.createStructField(SOURCE, DataTypes.StringType, false)});

    /** Columns of the rejects table: the input, the {@link RejectReason} name, the decoder's message. */
    public static final StructType REJECTS_SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField(REJECT_PATH, DataTypes.StringType, false),
        DataTypes.createStructField(REJECT_REASON, DataTypes.StringType, false),
        DataTypes.createStructField(REJECT_MESSAGE, DataTypes.StringType, false)});

    private FaceDataset() {}

    /**
     * The faces of the dataset at {@code path}, columns in {@link #SCHEMA} order (extra columns dropped).
     *
     * @throws FaceDatasetException if the path is missing, not a completed dataset, or a column is missing or
     *                              of the wrong type (the message names the column)
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        requireComplete(spark.sparkContext().hadoopConfiguration(), path);
        return validated(load(spark, path), SCHEMA, "face dataset " + path);
    }

    /** The rejects table of the dataset at {@code path}. */
    public static Dataset<Row> readRejects(SparkSession spark, String path) {
        requireComplete(spark.sparkContext().hadoopConfiguration(), path);
        String rejects = new Path(path, REJECTS_DIR).toString();
        return validated(load(spark, rejects), REJECTS_SCHEMA, "rejects table " + rejects);
    }

    /** True if {@code path} holds a completed dataset (its {@code _SUCCESS} marker exists). */
    public static boolean isComplete(Configuration hadoop, String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(hadoop);
            return fs.exists(new Path(p, SUCCESS_MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check face dataset " + path, e);
        }
    }

    private static void requireComplete(Configuration hadoop, String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(hadoop);
            if (!fs.exists(p)) {
                throw new FaceDatasetException("no face dataset at " + path + ": the path does not exist "
                        + "(create one with lrpo ingest)");
            }
            if (!fs.exists(new Path(p, SUCCESS_MARKER))) {
                throw new FaceDatasetException(path + " is not a complete face dataset: it has no "
                        + SUCCESS_MARKER + " marker (not written by lrpo ingest, or the ingest did not finish)");
            }
        } catch (IOException e) {
            throw new FaceDatasetException("cannot read face dataset " + path + ": " + e.getMessage(), e);
        }
    }

    private static Dataset<Row> load(SparkSession spark, String path) {
        try {
            return spark.read().parquet(path);
        } catch (Exception e) {
            // Spark reports a folder without Parquet files as an AnalysisException ("Unable to infer schema").
            if (e instanceof AnalysisException) {
                throw new FaceDatasetException(path + " holds no readable Parquet table: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** {@code table} with {@code expected}'s columns in order; every missing or mistyped column is named. */
    static Dataset<Row> validated(Dataset<Row> table, StructType expected, String what) {
        StructType actual = table.schema();
        List<String> problems = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (StructField want : expected.fields()) {
            DataType wantType = want.dataType();
            if (!List.of(actual.fieldNames()).contains(want.name())) {
                problems.add("column '" + want.name() + "' is missing (expected " + wantType.simpleString() + ")");
                continue;
            }
            DataType got = actual.apply(want.name()).dataType();
            if (!got.sameType(wantType)) {
                problems.add("column '" + want.name() + "' is " + got.simpleString() + ", expected "
                        + wantType.simpleString());
            }
            columns.add(table.col(want.name()));
        }
        if (!problems.isEmpty()) {
            throw new FaceDatasetException(what + " has the wrong schema: " + String.join("; ", problems)
                    + " (found " + actual.simpleString() + ")");
        }
        return table.select(columns.toArray(Column[]::new));
    }
}

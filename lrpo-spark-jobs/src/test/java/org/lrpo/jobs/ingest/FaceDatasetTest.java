package org.lrpo.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.spark.SparkSettings;

/** The reader later jobs use: a dataset is accepted only complete and with the right columns. */
class FaceDatasetTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.create(new SparkSettings("local[1]", "lrpo-test",
                Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "1")), "dataset-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Row face(String id) {
        return RowFactory.create(id, new byte[] {1, 2}, 70, 64, 64, "train", "file:/x/" + id + ".png");
    }

    @Test
    void readsAValidDatasetInSchemaOrder(@TempDir Path tmp) {
        String path = tmp.resolve("ok").toString();
        // Columns in another order plus an extra one: the reader returns exactly SCHEMA's columns, in order.
        spark.createDataFrame(List.of(face("a"), face("b")), FaceDataset.SCHEMA)
                .selectExpr("source", "split", "resolution", "height", "width", "hq_png", "id", "1 AS extra")
                .write().parquet(path);
        Dataset<Row> d = FaceDataset.read(spark, path);
        assertEquals(List.of(FaceDataset.SCHEMA.fieldNames()), List.of(d.schema().fieldNames()));
        assertEquals(2, d.count());
    }

    @Test
    void missingAndMistypedColumnsAreNamed(@TempDir Path tmp) {
        String path = tmp.resolve("bad").toString();
        spark.createDataFrame(List.of(face("a")), FaceDataset.SCHEMA)
                .drop("hq_png").withColumn("width", org.apache.spark.sql.functions.col("width").cast("string"))
                .write().parquet(path);
        FaceDatasetException e = assertThrows(FaceDatasetException.class, () -> FaceDataset.read(spark, path));
        assertTrue(e.getMessage().contains("column 'hq_png' is missing (expected binary)"), e.getMessage());
        assertTrue(e.getMessage().contains("column 'width' is string, expected int"), e.getMessage());
        assertTrue(e.getMessage().contains(path), e.getMessage());
        assertTrue(e instanceof BadInputException, "the CLI reports it as bad input (exit 2)");
    }

    @Test
    void aMissingPathOrAnIncompleteDatasetIsRefused(@TempDir Path tmp) throws Exception {
        String missing = tmp.resolve("nothing-here").toString();
        FaceDatasetException e = assertThrows(FaceDatasetException.class, () -> FaceDataset.read(spark, missing));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

        String path = tmp.resolve("partial").toString();
        spark.createDataFrame(List.of(face("a")), FaceDataset.SCHEMA).write().parquet(path);
        Files.delete(Path.of(path, "_SUCCESS"));
        e = assertThrows(FaceDatasetException.class, () -> FaceDataset.read(spark, path));
        assertTrue(e.getMessage().contains("not a complete face dataset"), e.getMessage());

        Path noParquet = Files.createDirectories(tmp.resolve("empty"));
        Files.write(noParquet.resolve("_SUCCESS"), new byte[0]);
        e = assertThrows(FaceDatasetException.class, () -> FaceDataset.read(spark, noParquet.toString()));
        assertTrue(e.getMessage().contains("holds no readable Parquet table"), e.getMessage());
    }

    @Test
    void rejectsTableIsValidatedToo(@TempDir Path tmp) {
        String path = tmp.resolve("ds").toString();
        spark.createDataFrame(List.of(face("a")), FaceDataset.SCHEMA).write().parquet(path);
        StructType wrong = new StructType().add("path", DataTypes.StringType).add("reason", DataTypes.IntegerType);
        spark.createDataFrame(List.of(RowFactory.create("p", 3)), wrong).write().parquet(path + "/_rejects");
        FaceDatasetException e = assertThrows(FaceDatasetException.class, () -> FaceDataset.readRejects(spark, path));
        assertTrue(e.getMessage().contains("column 'reason' is int, expected string"), e.getMessage());
        assertTrue(e.getMessage().contains("column 'message' is missing"), e.getMessage());
    }
}

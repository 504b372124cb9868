package org.lrpo.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.jobs.testing.S3ProxyServer;

/** Parquet through s3a:// on a real S3-compatible server on 127.0.0.1: the data-lake path users take. */
class S3aParquetRoundTripTest {

    @Test
    void writesAndReadsParquetOnS3a(@TempDir Path tmp) throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(tmp)) {
            s3.createBucket("faces");
            SparkSession spark = SparkSessions.create(new SparkSettings("local[2]", "lrpo-test",
                    s3.sparkSettings(tmp.resolve("s3a-buffer"))), "s3a");
            try {
                Dataset<String> ids = spark.createDataset(List.of("a", "b", "c", "d"), Encoders.STRING());
                ids.toDF("id").repartition(2).write().parquet("s3a://faces/table");
                List<Row> back = spark.read().parquet("s3a://faces/table").orderBy("id").collectAsList();
                assertEquals(List.of("a", "b", "c", "d"), back.stream().map(r -> r.getString(0)).toList());
            } finally {
                spark.stop();
            }
        }
    }
}

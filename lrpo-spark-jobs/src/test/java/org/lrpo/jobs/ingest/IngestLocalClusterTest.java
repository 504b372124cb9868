package org.lrpo.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.testing.LocalCluster;

/** The folder ingest with two real executor JVMs: the task closures and the codec survive serialization. */
class IngestLocalClusterTest {

    @Test
    void folderIngestOnTwoExecutorJvms(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        FaceFolder folder = FaceFolder.write(in);
        String out = tmp.resolve("faces").toUri().toString();
        SparkSession spark = SparkSessions.create(LocalCluster.settings(2, 1, 1024), "ingest-local-cluster");
        try {
            IngestReport report = IngestJob.run(spark, FaceFolder.settings(4), new IngestSource.Files(in.toString()),
                    out, false);
            System.out.println(report.summary());
            IngestJobTest.assertFolderDataset(spark, folder, in.toUri().toString(), out, report);
            // The tasks really ran elsewhere: two executor JVMs, neither of them this one.
            List<Long> pids = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8).map(i -> ProcessHandle.current().pid()).collect();
            Set<Long> distinct = new TreeSet<>(pids);
            assertEquals(2, distinct.size(), "executor JVMs: " + distinct);
            assertNotEquals(ProcessHandle.current().pid(), distinct.iterator().next());
        } finally {
            spark.stop();
        }
    }
}

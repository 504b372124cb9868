package org.lrpo.jobs.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.spark.SparkSettings;

/**
 * Ingest throughput on local[2], printed, never asserted (the machine is shared). Run on demand:
 * {@code ./mvnw -B -o -pl lrpo-spark-jobs test -Dtest=IngestThroughputBenchmark -Dlrpo.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "lrpo.benchmark", matches = "true")
class IngestThroughputBenchmark {

    @Test
    void measure(@TempDir Path tmp) throws Exception {
        int generated = Integer.getInteger("lrpo.benchmark.generated", 2000);
        int jpegs = Integer.getInteger("lrpo.benchmark.jpegs", 200);
        Path in = Files.createDirectories(tmp.resolve("jpeg512"));
        for (int i = 0; i < jpegs; i++) {
            Files.write(in.resolve("face-" + i + ".jpg"), ImageCodec.encodeJpeg(FaceGenerator.face(3, i, 0, 512), 90));
        }
        SparkSession spark = SparkSessions.create(new SparkSettings("local[2]", "lrpo-bench",
                Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "2")), "ingest-bench");
        try {
            IngestSettings s64 = new IngestSettings(2, 1, "*", 1 << 28, false, 64, 100_000_000, 0.1, 3);
            // Warm-up: class loading and code generation are not ingest throughput.
            IngestJob.run(spark, s64, new IngestSource.Generated(50), tmp.resolve("warm").toString(), false);
            IngestReport gen = IngestJob.run(spark, s64, new IngestSource.Generated(generated),
                    tmp.resolve("gen").toString(), false);
            System.out.println("BENCH generated 64x64: " + gen.summary());
            IngestReport to64 = IngestJob.run(spark, s64, new IngestSource.Files(in.toString()),
                    tmp.resolve("j64").toString(), false);
            System.out.println("BENCH 512x512 JPEG -> 64: " + to64.summary());
            IngestSettings s512 = new IngestSettings(2, 1, "*", 1 << 28, false, 512, 100_000_000, 0.1, 3);
            IngestReport to512 = IngestJob.run(spark, s512, new IngestSource.Files(in.toString()),
                    tmp.resolve("j512").toString(), false);
            System.out.println("BENCH 512x512 JPEG -> 512: " + to512.summary());
        } finally {
            spark.stop();
        }
    }
}

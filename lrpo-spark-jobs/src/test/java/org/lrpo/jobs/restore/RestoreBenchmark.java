package org.lrpo.jobs.restore;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.apache.commons.io.FileUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.core.faces.SceneGenerator;
import org.lrpo.core.faces.SceneOptions;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.spark.SparkSettings;
import org.lrpo.jobs.testing.S3ProxyServer;
import org.lrpo.jobs.train.RunSpec;

/**
 * Throughput of {@code restore} on {@code local[N]} (N = {@code -Dbenchmark.slots}, default 2): generated 512x512
 * photos with 1-4 faces, restored with a finished run's models, from and to {@code file://} and {@code s3a://}
 * (S3Proxy on 127.0.0.1), with {@code restore.overlap-io} on and off in alternation. Prints photos/s, faces/s,
 * the JVM's CPU seconds (overlapped I/O spends them on a second thread), the time per phase summed over tasks
 * (from the manifest), and the Spark and I/O overhead: the share of the task slots' wall time not spent in the
 * model phases. {@code -Dbenchmark.slots=1} (one task slot per JVM, the intended layout on a cluster) measures
 * the overhead without a second task competing for the models. Failed tasks get 4 attempts, as on a cluster:
 * S3Proxy answers an occasional copy (s3a's rename) with a 500.
 * <pre>
 * java -cp ... -Ds3proxy.jar=lrpo-spark-jobs/target/test-tools/s3proxy.jar \
 *     org.lrpo.jobs.restore.RestoreBenchmark lrpo-out conf/local.conf 16
 * </pre>
 */
public final class RestoreBenchmark {
    private static final List<String> MODEL_PHASES = List.of("upscale", "detect", "align", "stage1", "diffusion",
            "paste", "metrics");

    private static final int SLOTS = Integer.getInteger("benchmark.slots", 2);

    private RestoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[0]).toAbsolutePath();
        Config overlapped = ConfigLoader.load(Optional.of(Path.of(args[1])), List.of("restore.partitions=2"));
        Config inline = ConfigLoader.load(Optional.of(Path.of(args[1])),
                List.of("restore.partitions=2", "restore.overlap-io=false"));
        int photos = Integer.parseInt(args[2]);
        Path work = Files.createTempDirectory("restore-bench");
        Path in = work.resolve("photos");
        Files.createDirectories(in);
        SceneOptions options = SceneOptions.defaults().withFaces(1, 4).withFaceSizes(52, 90).withBorderCutProbability(0);
        for (int i = 0; i < photos; i++) {
            Files.write(in.resolve(String.format("photo-%03d.png", i)),
                    ImageCodec.encodePng(SceneGenerator.scene(17, i, 512, 512, options).photo()));
        }
        try (S3ProxyServer s3 = S3ProxyServer.start(work)) {
            s3.createBucket("bench");
            Map<String, String> conf = s3.sparkSettings(work.resolve("s3a-buffer"));
            SparkSession spark = SparkSessions.create(new SparkSettings("local[" + SLOTS + ",4]", "lrpo-bench", conf),
                    "restore-bench");
            try {
                org.apache.hadoop.fs.Path bucketIn = new org.apache.hadoop.fs.Path("s3a://bench/photos");
                try (FileSystem fs = FileSystem.newInstance(bucketIn.toUri(), spark.sparkContext().hadoopConfiguration())) {
                    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(in.toUri()), bucketIn);
                }
                // The first run loads the models, fits NIQE and warms libtorch: not measured.
                measure(spark, overlapped, run, in.toString(), work.resolve("warm").toString(), "warm-up", System.out);
                for (int repeat = 0; repeat < 3; repeat++) {
                    for (Config config : List.of(overlapped, inline)) {
                        String mode = config == overlapped ? "overlapped" : "inline";
                        measure(spark, config, run, in.toString(), work.resolve("out-" + mode).toString(),
                                "file:// " + mode + " I/O", System.out);
                        measure(spark, config, run, "s3a://bench/photos", "s3a://bench/out-" + mode,
                                "s3a:// " + mode + " I/O", System.out);
                    }
                }
            } finally {
                spark.stop();
            }
        } finally {
            FileUtils.deleteDirectory(work.toFile());
        }
    }

    private static void measure(SparkSession spark, Config config, Path run, String in, String out, String label,
                                PrintStream print) throws java.io.IOException {
        LrpoSettings s = LrpoSettings.read(config);
        SettingsReader r = new SettingsReader(config);
        RestoreSettings settings = RestoreSettings.read(r, s);
        r.throwIfInvalid();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        RestoreReport report = RestoreJob.run(spark, RunSpec.of(config), settings, new RestoreJob.Source.Files(in), out,
                run.toString(), false, new PrintStream(java.io.OutputStream.nullOutputStream()));
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        Map<String, Double> phases = new LinkedHashMap<>();
        for (Row row : spark.read().parquet(out + "/_manifest").select("seconds").collectAsList()) {
            Map<String, Double> m = row.getJavaMap(0);
            m.forEach((k, v) -> phases.merge(k, v, Double::sum));
        }
        // Each run writes afresh; S3Proxy keeps its objects in a 256 MB heap.
        org.apache.hadoop.fs.Path written = new org.apache.hadoop.fs.Path(out);
        try (FileSystem fs = FileSystem.newInstance(written.toUri(), spark.sparkContext().hadoopConfiguration())) {
            fs.delete(written, true);
        }
        double model = MODEL_PHASES.stream().mapToDouble(p -> phases.getOrDefault(p, 0.0)).sum();
        double slots = SLOTS;
        print.printf("%s: %d photos, %d faces in %.1f s (CPU %.1f s): %.2f photos/s, %.2f faces/s; summed over tasks "
                        + "%s; model share of the " + SLOTS + " slots' wall time %.0f%%, Spark and I/O overhead %.0f%%%n",
                label, report.restored() + report.noFace(), report.faces(), wall, cpu,
                (report.restored() + report.noFace()) / wall, report.faces() / wall, format(phases),
                100 * model / (slots * wall), 100 * (1 - model / (slots * wall)));
    }

    private static String format(Map<String, Double> phases) {
        List<String> parts = new ArrayList<>();
        phases.forEach((k, v) -> parts.add(String.format("%s %.1f s", k, v)));
        return String.join(", ", parts);
    }
}

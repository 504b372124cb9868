package org.lrpo.jobs.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.lrpo.core.random.Seeds;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.report.ReportContent.Interval;
import org.lrpo.jobs.report.ReportContent.RestoreRunSummary;
import org.lrpo.jobs.restore.OutputLayout;
import org.lrpo.rewards.stats.BootstrapInterval;

/**
 * The no-reference report of a {@code restore} output, from its {@code _manifest} (one row per restored photo,
 * every wave) and {@code _quarantine}: what became of the inputs, the faces' NIQE before and after and identity
 * cosine (input crop vs restored crop), faces per photo, seconds per phase and throughput. Counts and means are
 * Spark aggregations; the per-face values behind the intervals (three doubles a face) come to the driver.
 */
final class RestoreRunStats {
    private RestoreRunStats() {}

    /** Fails before any Spark work when {@code output} holds no manifest. */
    static void requireManifest(SparkSession spark, String output) {
        try {
            Path manifest = new Path(output, OutputLayout.MANIFEST);
            FileSystem fs = manifest.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(manifest)) {
                throw new BadInputException("--restore-run " + output + " has no " + OutputLayout.MANIFEST
                        + " folder: give the --output of an `lrpo restore` run that finished at least one wave");
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read --restore-run " + output + ": " + e.getMessage(), e);
        }
    }

    static RestoreRunSummary read(SparkSession spark, String output, long seed, double confidence, int resamples) {
        Dataset<Row> manifest = waves(spark, output + "/" + OutputLayout.MANIFEST).cache();
        try {
            Map<String, Long> status = counts(manifest.groupBy("status").count());
            Map<String, Long> reasons = new TreeMap<>();
            Path quarantine = new Path(output, OutputLayout.QUARANTINE);
            if (quarantine.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(quarantine)) {
                Dataset<Row> q = waves(spark, quarantine.toString());
                status.put("quarantined", q.count());
                reasons.putAll(counts(q.groupBy("reason").count()));
            }
            Dataset<Row> photos = manifest.filter(col("faces").isNotNull());
            Map<Integer, Long> perPhoto = new TreeMap<>();
            for (Row r : photos.groupBy(size(col("faces")).as("n")).count().collectAsList()) {
                perPhoto.put(r.getInt(0), r.getLong(1));
            }
            List<Row> faces = photos.select(explode(col("faces")).as("f"))
                    .filter(col("f.pasted"))
                    .select(col("f.niqe_in"), col("f.niqe_out"), col("f.identity_cosine")).collectAsList();
            Map<String, Interval> faceStats = new LinkedHashMap<>();
            String[] names = {"niqe_in", "niqe_out", "identity_cosine"};
            for (int c = 0; c < names.length; c++) {
                int at = c;
                double[] v = faces.stream().mapToDouble(r -> r.isNullAt(at) ? Double.NaN : r.getDouble(at)).toArray();
                SplittableRandom random = Seeds.stream(seed, "report-restore-run", Seeds.idCoordinate(names[c]));
                BootstrapInterval b = BootstrapInterval.of(v, confidence, resamples, random);
                faceStats.put(names[c], new Interval(b.mean(), b.low(), b.high(), b.n()));
            }
            Map<String, Double> seconds = new LinkedHashMap<>();
            double total = 0;
            // One aggregation gives each phase's mean per photo and, summed, the task time of the whole run.
            for (Row r : photos.select(explode(col("seconds"))).groupBy("key")
                    .agg(avg("value"), sum("value")).orderBy("key").collectAsList()) {
                seconds.put(r.getString(0), r.getDouble(1));
                total += r.getDouble(2);
            }
            long timed = photos.filter(col("seconds").isNotNull()).count();
            return new RestoreRunSummary(output, status, reasons, faceStats, perPhoto, seconds,
                    total > 0 ? timed / total : Double.NaN);
        } catch (IOException e) {
            throw new BadInputException("cannot read --restore-run " + output + ": " + e.getMessage(), e);
        } finally {
            manifest.unpersist();
        }
    }

    /**
     * The committed waves of a restore table. Read through their {@code wave=} folders, because Spark ignores (and
     * warns about) a path whose own name starts with an underscore.
     */
    private static Dataset<Row> waves(SparkSession spark, String table) {
        return spark.read().option("basePath", table).parquet(table + "/wave=*");
    }

    private static Map<String, Long> counts(Dataset<Row> grouped) {
        Map<String, Long> out = new TreeMap<>();
        for (Row r : grouped.collectAsList()) {
            out.put(r.isNullAt(0) ? "(none)" : r.getString(0), r.getLong(1));
        }
        return out;
    }
}

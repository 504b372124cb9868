package org.lrpo.jobs.local;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.spark.SparkSettings;

/**
 * Re-runs the demo's whole-photo step ({@link DemoPhotos#restore}) on a finished demo's run folder, e.g. to try
 * restore settings without training again:
 * <pre>
 * java -cp ... org.lrpo.jobs.local.PhotoDemoProbe lrpo-out conf/local.conf restore.feather=0.2
 * </pre>
 */
public final class PhotoDemoProbe {
    private PhotoDemoProbe() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        List<String> overrides = new java.util.ArrayList<>(Arrays.asList(args).subList(2, args.length));
        overrides.add("output-dir=\"" + root + "\"");
        Config config = ConfigLoader.load(Optional.of(Path.of(args[1])), overrides);
        SparkSession spark = SparkSessions.create(new SparkSettings("local[2]", "lrpo-probe",
                java.util.Map.of("spark.ui.enabled", "false")), "photo-probe");
        try {
            // Restored afresh: a re-run into the same folder would skip what the same models already did.
            org.apache.hadoop.fs.FileUtil.fullyDelete(root.resolve("restored-photos").toFile());
            DemoPhotos.restore(spark, config, root, 4, System.out);
        } finally {
            spark.stop();
        }
    }
}

package org.lrpo.jobs.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the one Spark session a job uses, honouring whatever spark-submit already decided. */
public final class SparkSessions {
    private SparkSessions() {}

    public static SparkSession create(SparkSettings settings, String jobName) {
        // SparkConf picks up spark.* system properties, which is how spark-submit passes its options.
        SparkConf conf = new SparkConf(true);
        SparkSession.Builder builder = SparkSession.builder().appName(settings.appName() + " " + jobName);
        if (!conf.contains("spark.master")) {
            if (settings.master().isBlank()) {
                throw new IllegalStateException("no Spark master: run under spark-submit, or set lrpo.spark.master "
                        + "(conf/local.conf sets local[*]; bin/lrpo uses it)");
            }
            builder.master(settings.master());
        }
        for (Map.Entry<String, String> e : settings.extraConf().entrySet()) {
            builder.config(e.getKey(), e.getValue());
        }
        return builder.getOrCreate();
    }
}

package org.lrpo.jobs.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lrpo.core.config.SettingsReader;

/**
 * How the jobs build their Spark session.
 *
 * @param master master URL used when spark-submit did not set one; empty means "leave it to spark-submit"
 * @param appName prefix of the application name
 * @param extraConf additional Spark settings from {@code lrpo.spark.conf}
 */
public record SparkSettings(String master, String appName, Map<String, String> extraConf) {

    public static SparkSettings read(SettingsReader r, Config config) {
        Map<String, String> extra = new LinkedHashMap<>();
        if (config.hasPath("lrpo.spark.conf")) {
            for (Map.Entry<String, ConfigValue> e : config.getConfig("lrpo.spark.conf").entrySet()) {
                String key = e.getKey().replace("\"", "");
                r.require(key.startsWith("spark."), "lrpo.spark.conf." + key
                        + " is not a Spark setting: keys under lrpo.spark.conf must start with spark.");
                extra.put(key, String.valueOf(e.getValue().unwrapped()));
            }
        }
        return new SparkSettings(r.string("lrpo.spark.master"), r.nonEmptyString("lrpo.spark.app-name"),
                Map.copyOf(extra));
    }
}

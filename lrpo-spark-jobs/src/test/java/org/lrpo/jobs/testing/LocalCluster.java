package org.lrpo.jobs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.lrpo.jobs.spark.SparkSettings;

/**
 * Settings for Spark's {@code local-cluster[N,cores,memMB]} master: N real executor JVMs forked by an
 * in-process worker, which exposes serialization and classpath mistakes that {@code local[*]} hides.
 */
public final class LocalCluster {
    private LocalCluster() {}

    public static SparkSettings settings(int executors, int coresPerExecutor, int memoryMb) throws IOException {
        String sparkHome = System.getenv("SPARK_HOME");
        if (sparkHome == null) {
            throw new IllegalStateException("SPARK_HOME is not set: run through Maven (Surefire sets it)");
        }
        Files.createDirectories(Path.of(sparkHome, "jars"));
        Map<String, String> conf = new HashMap<>();
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        String djlCache = System.getProperty("DJL_CACHE_DIR");
        String opts = "-Dai.djl.offline=true" + (djlCache == null ? "" : " -DDJL_CACHE_DIR=" + djlCache);
        conf.put("spark.executor.extraJavaOptions", opts);
        conf.put("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE");
        return new SparkSettings("local-cluster[" + executors + "," + coresPerExecutor + "," + memoryMb + "]",
                "lrpo-test", conf);
    }
}

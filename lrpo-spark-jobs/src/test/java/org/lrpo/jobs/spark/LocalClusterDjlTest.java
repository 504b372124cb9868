package org.lrpo.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.lrpo.core.engine.GradientRecording;
import org.lrpo.jobs.testing.LocalCluster;

/** DJL forward and backward inside tasks of two real executor JVMs (not the test's own JVM). */
class LocalClusterDjlTest {

    @Test
    void djlRunsInTwoSeparateExecutorJvms() throws Exception {
        SparkSession spark = SparkSessions.create(LocalCluster.settings(2, 1, 1024), "local-cluster");
        try {
            String cacheDir = System.getProperty("DJL_CACHE_DIR", "target/djl");
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<String> results = jsc.parallelize(IntStream.range(0, 8).boxed().toList(), 8).map(v -> {
                Engine engine = ExecutorEngine.get(Path.of(cacheDir), 1);
                try (NDManager m = engine.newBaseManager()) {
                    NDArray x = m.create(new float[] {v});
                    x.setRequiresGradient(true);
                    try (GradientRecording rec = GradientRecording.open(engine)) {
                        rec.backward(x.mul(x));
                    }
                    return ProcessHandle.current().pid() + ":" + x.getGradient().getFloat();
                }
            }).collect();
            Set<String> pids = results.stream().map(r -> r.split(":")[0]).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(2, pids.size(), "tasks ran in two executor JVMs: " + results);
            assertNotEquals(Long.toString(ProcessHandle.current().pid()), pids.iterator().next());
            List<Float> grads = results.stream().map(r -> Float.parseFloat(r.split(":")[1])).toList();
            assertEquals(IntStream.range(0, 8).mapToObj(v -> 2f * v).toList(), grads, "d/dx x^2 = 2x");
        } finally {
            spark.stop();
        }
    }
}

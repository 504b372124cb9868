package org.lrpo.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.engine.GradientRecording;

/**
 * The shape every job has: a local[2] session with the project's JVM flags, and DJL running inside
 * mapPartitions on the executor side, forward and backward. Two tasks run at once in local[2]; their
 * backward passes are serialised by {@link GradientRecording}.
 */
class SparkDjlSmokeTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.create(new SparkSettings("local[2]", "lrpo-test",
                Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "2")), "smoke");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void djlComputesGradientsInsideMapPartitions() {
        String cacheDir = System.getProperty("DJL_CACHE_DIR", Path.of("target", "djl").toString());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> values = IntStream.range(0, 40).boxed().toList();
        JavaRDD<float[]> perPartition = jsc.parallelize(values, 4).mapPartitions(it -> {
            Engine engine = ExecutorEngine.get(Path.of(cacheDir), 1);
            List<Float> xs = new ArrayList<>();
            it.forEachRemaining(v -> xs.add((float) v));
            float[] x = new float[xs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = xs.get(i);
            }
            try (NDManager manager = engine.newBaseManager()) {
                NDArray a = manager.create(x);
                a.setRequiresGradient(true);
                float loss;
                try (GradientRecording rec = GradientRecording.open(engine)) {
                    NDArray l = a.mul(a).sum();
                    loss = l.getFloat();
                    rec.backward(l);
                }
                float gradSum = a.getGradient().sum().getFloat();
                return List.of(new float[] {loss, gradSum}).iterator();
            }
        });
        List<float[]> results = perPartition.collect();
        assertEquals(4, results.size());
        float loss = 0;
        float grad = 0;
        for (float[] r : results) {
            loss += r[0];
            grad += r[1];
        }
        // sum v^2 for v < 40 = 20540; d/dv sum v^2 = 2v, summed = 2 * 780.
        assertArrayEquals(new float[] {20540f, 1560f}, new float[] {loss, grad});
    }
}

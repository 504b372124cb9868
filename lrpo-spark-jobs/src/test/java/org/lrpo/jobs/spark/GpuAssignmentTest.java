package org.lrpo.jobs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.engine.DeviceChoice;
import org.lrpo.core.engine.DeviceSelector;
import org.lrpo.jobs.testing.LocalCluster;

/**
 * Spark's GPU scheduling path on a CPU machine: the repository's discovery script reports two fake GPU
 * addresses per worker, Spark assigns one to each task, the task reads it from TaskContext, and the
 * device rules apply: {@code auto} falls back to CPU (the engine sees no GPU), {@code gpu} fails with a
 * message naming the assigned address.
 */
class GpuAssignmentTest {

    @Test
    void tasksReceiveTheirAssignedGpuAndTheDeviceRulesApply(@TempDir Path dir) throws IOException {
        String root = System.getProperty("repo.root", "..");
        Path script = dir.resolve("fake-gpus.sh");
        Files.writeString(script, "#!/usr/bin/env bash\nLRPO_FAKE_GPU_ADDRESSES=0,1 exec "
                + Path.of(root, "scripts", "gpu-discovery.sh").toAbsolutePath() + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> conf = new HashMap<>(LocalCluster.settings(2, 1, 1024).extraConf());
        conf.put("spark.worker.resource.gpu.amount", "2");
        conf.put("spark.worker.resource.gpu.discoveryScript", script.toString());
        conf.put("spark.executor.resource.gpu.amount", "2");
        conf.put("spark.executor.resource.gpu.discoveryScript", script.toString());
        conf.put("spark.task.resource.gpu.amount", "1");
        SparkSession spark = SparkSessions.create(new SparkSettings(LocalCluster.settings(2, 1, 1024).master(),
                "lrpo-test", conf), "gpu-assignment");
        try {
            String cache = System.getProperty("DJL_CACHE_DIR", "target/djl");
            List<String> seen = JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(IntStream.range(0, 4).boxed().toList(), 4).map(i -> {
                        Engine engine = ExecutorEngine.get(Path.of(cache), 1);
                        List<String> gpus = TaskDevices.assignedGpus();
                        String auto = TaskDevices.select(DeviceChoice.AUTO, engine).toString();
                        String strict;
                        try {
                            strict = TaskDevices.select(DeviceChoice.GPU, engine).toString();
                        } catch (DeviceSelector.DeviceUnavailableException e) {
                            strict = "error: " + e.getMessage();
                        }
                        return gpus + "|" + auto + "|" + strict;
                    }).collect();
            TreeSet<String> addresses = new TreeSet<>();
            for (String s : seen) {
                String[] parts = s.split("\\|");
                assertTrue(parts[0].matches("\\[[01]\\]"), "one assigned GPU address per task: " + s);
                addresses.add(parts[0]);
                assertEquals("cpu()", parts[1], "auto falls back to CPU: " + s);
                assertTrue(parts[2].startsWith("error: lrpo.device = gpu, but the scheduler assigned GPU "), s);
            }
            assertEquals(4, seen.size());
            assertTrue(!addresses.isEmpty(), "addresses came from the discovery script: " + seen);
        } finally {
            spark.stop();
        }
    }
}

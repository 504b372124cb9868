package org.lrpo.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.testing.BoundedProcess;

/**
 * The engine must load with no network and an empty cache: natives come from the classpath jar.
 * The child JVM runs in a network namespace with no interfaces but loopback when {@code unshare -n}
 * works (root, as in CI); otherwise every proxy points at a closed port. Either way any download fails.
 */
class TensorEngineOfflineTest {

    @Test
    void loadsOfflineFromAnEmptyCacheAndRunsBackward(@TempDir Path emptyCache) throws Exception {
        List<String> cmd = new ArrayList<>();
        boolean isolated = canUnshareNetwork();
        if (isolated) {
            cmd.addAll(List.of("unshare", "-n"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Dai.djl.offline=true",
                "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
                "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
                "-cp", System.getProperty("java.class.path"),
                EngineSmokeMain.class.getName(), emptyCache.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(TensorEngine.CACHE_DIR_KEY);
        BoundedProcess.Result r = BoundedProcess.run(pb, null, Duration.ofMinutes(5));
        String log = r.out();
        assertEquals(0, r.exitCode(), log);
        assertTrue(log.contains("ENGINE=PyTorch"), log);
        assertTrue(log.contains("GRAD=2.0,-4.0,6.0"), "d/dx sum(x^2) = 2x; got:\n" + log);
        try (var files = Files.walk(emptyCache)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("libtorch")),
                    "libtorch was unpacked into the given cache folder");
        }
        System.out.println("engine loaded offline" + (isolated ? " in a network namespace without network" : ""));
    }

    private static boolean canUnshareNetwork() {
        try {
            return BoundedProcess.run(new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true), null,
                    Duration.ofSeconds(10)).exitCode() == 0;
        } catch (IOException | InterruptedException | IllegalStateException e) {
            return false;
        }
    }
}

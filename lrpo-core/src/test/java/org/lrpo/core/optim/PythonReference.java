package org.lrpo.core.optim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.lrpo.core.testing.BoundedProcess;

/**
 * Runs a reference script of {@code lrpo-core/src/test/python} with Debian's {@code /usr/bin/python3}
 * (which has numpy and torch; the {@code python3} first on PATH does not), JSON in on stdin, JSON out.
 * A missing interpreter or module fails the test with the install step in the message.
 */
public final class PythonReference {
    public static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonReference() {}

    public static Path script(String name) {
        Path local = Path.of("src", "test", "python", name);
        if (Files.exists(local)) {
            return local.toAbsolutePath();
        }
        String root = System.getProperty("lrpo.repo.root");
        if (root != null) {
            Path p = Path.of(root, "lrpo-core", "src", "test", "python", name);
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("reference script " + name + " not found under src/test/python");
    }

    /** Runs {@code script} with {@code args}, feeding {@code request} as JSON; returns its stdout as JSON. */
    public static JsonNode run(String script, Object request, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script(script).toString()));
        cmd.addAll(List.of(args));
        BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder(cmd), JSON.writeValueAsBytes(request),
                Duration.ofMinutes(5));
        if (r.exitCode() != 0) {
            throw new IllegalStateException(script + " failed (exit " + r.exitCode() + "); it needs "
                    + PYTHON + " with numpy and torch (apt-get install python3-numpy python3-torch):\n" + r.stderr());
        }
        return JSON.readTree(r.stdout());
    }

    /** A JSON array of numbers as floats (each is an exact float32 value printed by Python). */
    public static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}

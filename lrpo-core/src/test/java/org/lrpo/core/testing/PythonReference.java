package org.lrpo.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference script under Debian's {@code /usr/bin/python3} (the interpreter that has python3-torch,
 * -numpy, -scipy; the {@code python3} first on PATH may not). Scripts live in {@code src/test/python}.
 */
public final class PythonReference {
    static final String PYTHON = "/usr/bin/python3";

    private PythonReference() {}

    /**
     * Null if {@code /usr/bin/python3} can import all of {@code modules} (e.g. "torch", "scipy.ndimage");
     * otherwise why not, for a test's assumption message.
     */
    public static String unavailableReason(String... modules) {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import " + String.join(", ", modules))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return PYTHON + " did not import " + String.join(", ", modules) + " within 120 s";
            }
            return p.exitValue() == 0 ? null : PYTHON + " cannot import " + String.join(", ", modules)
                    + " (apt-get install python3-torch python3-scipy): " + out;
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Runs {@code src/test/python/<script>} with {@code input} on stdin; its stdout lines. */
    public static List<String> run(String script, String input) throws IOException, InterruptedException {
        Path path = Path.of("src", "test", "python", script);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("reference script not found: " + path.toAbsolutePath());
        }
        Process p = new ProcessBuilder(PYTHON, path.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // Feed stdin from another thread: writing it all before reading stdout deadlocks once both
        // pipe buffers (64 KiB each) are full.
        Thread feeder = new Thread(() -> {
            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The script died; its exit code reports it below.
            }
        }, "reference-stdin");
        feeder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        feeder.join();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(script + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
        }
        return out.lines().toList();
    }
}

package org.lrpo.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference script from {@code src/test/python} under Debian's {@code /usr/bin/python3} (which has
 * numpy and torch; the python3 first on PATH does not) and exchanges raw little-endian float32/float64
 * files with it. A failing script fails the test with its stderr; a missing module fails it too
 * (CI installs them), never skips it.
 */
public final class PythonReference {
    public static final String PYTHON = "/usr/bin/python3";

    private PythonReference() {}

    public static Path script(String name) {
        Path p = Path.of("src", "test", "python", name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("reference script missing: " + p.toAbsolutePath());
        }
        return p;
    }

    /** Runs {@code script args...}; returns stdout; throws with stderr on a non-zero exit. */
    public static String run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON);
        cmd.add(script(script).toString());
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("pyref", ".err");
        Path out = Files.createTempFile("pyref", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("reference script timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("reference script " + cmd + " failed (exit " + p.exitValue()
                        + "; needs Debian's python3-numpy and python3-torch):\n" + Files.readString(err));
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(out);
        }
    }

    public static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }

    /** Raw little-endian float64, for inputs (such as point coordinates) that must reach Python unrounded. */
    public static void writeDoubles(Path file, double[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        Files.write(file, b.array());
    }

    public static double[] readDoubles(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(out);
        return out;
    }

    /**
     * Null if {@code /usr/bin/python3} can import all of {@code modules} (e.g. "torch", "scipy.ndimage");
     * otherwise why not, for a test's assumption message.
     */
    public static String unavailableReason(String... modules) {
        try {
            BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder(PYTHON, "-c", "import "
                    + String.join(", ", modules)).redirectErrorStream(true), null, Duration.ofSeconds(120));
            return r.exitCode() == 0 ? null : PYTHON + " cannot import " + String.join(", ", modules)
                    + " (apt-get install python3-torch python3-scipy python3-skimage; .ci/run does): " + r.out();
        } catch (IllegalStateException e) {
            return e.getMessage();
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Runs {@code src/test/python/<script>} with {@code input} on stdin; its stdout lines. */
    public static List<String> runWithInput(String script, String input) throws IOException, InterruptedException {
        Path path = script(script);
        BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder(PYTHON, path.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT), input.getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(300));
        if (r.exitCode() != 0) {
            throw new IllegalStateException(script + " failed (exit " + r.exitCode() + "):\n" + r.stderr());
        }
        String out = r.out();
        return out.lines().toList();
    }
}

package org.lrpo.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference script from {@code src/test/python} under Debian's {@code /usr/bin/python3} (which has
 * numpy and torch; the python3 first on PATH does not) and exchanges raw little-endian float32/float64
 * files with it. A failing script fails the test with its stderr.
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

    public static double[] readDoubles(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(out);
        return out;
    }
}

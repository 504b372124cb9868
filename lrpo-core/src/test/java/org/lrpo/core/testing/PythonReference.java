package org.lrpo.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the reference scripts of {@code <module>/src/test/python} (code other people wrote: torch, scipy, skimage,
 * dtcwt) under Debian's {@code /usr/bin/python3}, which has those modules (the python3 first on PATH may not),
 * with the time limit of {@link BoundedProcess}. The one runner of every module's tests (lrpo-core's test-jar).
 *
 * <p>Ways to exchange data: arguments and stdout text ({@link #run}), text on stdin ({@link #runWithInput}), a JSON
 * request on stdin and a JSON answer on stdout ({@link #runJson}), a job file of one job a line ({@link #runJobs}),
 * and raw little-endian float32/float64 files ({@link #writeFloats}, {@link #readDoubles}).
 *
 * <p>A missing interpreter or module fails the test with the install command, never skips it: CI installs the
 * references ({@code .ci/run}), so a skip would hide a broken set-up. A script that cannot import a module exits
 * with {@link #MISSING_MODULE} after naming it on stderr; any other non-zero exit fails with the script's stderr.
 */
public final class PythonReference {
    /** Debian's interpreter, which has numpy, scipy, torch, skimage and dtcwt from apt. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    /** What {@code .ci/run} installs for the references. */
    public static final String INSTALL = "apt-get install python3-numpy python3-scipy python3-pil python3-skimage "
            + "python3-dtcwt python3-torch (.ci/run does)";
    /** The exit code with which a reference script says it cannot import a module (named on its stderr). */
    public static final int MISSING_MODULE = 3;

    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODULES = List.of("lrpo-core", "lrpo-rewards", "lrpo-spark-jobs");

    private PythonReference() {}

    /**
     * {@code src/test/python/<name>} of the module under test (Maven's {@code basedir}, else the working
     * directory), else of any module of the repository ({@code lrpo.repo.root}, the working directory or its
     * parent), so benchmark mains started from the repository root find the scripts too.
     */
    public static Path script(String name) {
        Set<Path> tried = new LinkedHashSet<>();
        tried.add(Path.of(System.getProperty("basedir", "."), "src", "test", "python", name));
        List<String> roots = new ArrayList<>();
        if (System.getProperty("lrpo.repo.root") != null) {
            roots.add(System.getProperty("lrpo.repo.root"));
        }
        roots.add(".");
        roots.add("..");
        for (String root : roots) {
            for (String module : MODULES) {
                tried.add(Path.of(root, module, "src", "test", "python", name));
            }
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("reference script " + name + " not found; looked at " + tried);
    }

    /** Runs {@code script args...}; returns its stdout. */
    public static String run(String script, String... args) throws IOException, InterruptedException {
        return execute(PYTHON, script(script), List.of(args), null).out();
    }

    /** Runs {@code script args...} with {@code input} on stdin; returns its stdout lines. */
    public static List<String> runWithInput(String script, String input, String... args)
            throws IOException, InterruptedException {
        return execute(PYTHON, script(script), List.of(args), input.getBytes(StandardCharsets.UTF_8)).out()
                .lines().toList();
    }

    /** Runs {@code script args...} with {@code request} as JSON on stdin; returns its stdout read as JSON. */
    public static JsonNode runJson(String script, Object request, String... args)
            throws IOException, InterruptedException {
        return JSON.readTree(execute(PYTHON, script(script), List.of(args), JSON.writeValueAsBytes(request)).stdout());
    }

    /**
     * Writes {@code jobs} (one a line, the script's own format) to a file in {@code workDir} and runs
     * {@code script <that file>}; returns its stdout lines.
     */
    public static List<String> runJobs(String script, List<String> jobs, Path workDir)
            throws IOException, InterruptedException {
        Path jobFile = Files.write(workDir.resolve(script.replace(".py", "") + ".jobs"), jobs, StandardCharsets.UTF_8);
        return execute(PYTHON, script(script), List.of(jobFile.toAbsolutePath().toString()), null).out().lines()
                .toList();
    }

    /**
     * Runs {@code python script args...}, {@code stdin} (null: none) on its standard input, failing with the install
     * command when the interpreter or a module is missing and with the script's stderr on any other failure.
     * Package-private so that the failure messages can be tested with another interpreter.
     */
    static BoundedProcess.Result execute(Path python, Path script, List<String> args, byte[] stdin)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException(python + " is missing (the python3 first on PATH is not Debian's); "
                    + INSTALL);
        }
        List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString()));
        cmd.addAll(args);
        BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder(cmd), stdin, LIMIT);
        if (r.exitCode() == MISSING_MODULE) {
            throw new IllegalStateException("Python reference packages missing for " + script.getFileName() + ": "
                    + r.stderr().trim() + "; " + INSTALL);
        }
        if (r.exitCode() != 0) {
            throw new IllegalStateException("reference script " + cmd + " failed (exit " + r.exitCode()
                    + "; if a module is missing: " + INSTALL + "):\n" + r.stderr());
        }
        if (!r.stderr().isBlank()) {
            System.err.print(r.stderr());
        }
        return r;
    }

    /**
     * Null if {@code /usr/bin/python3} can import all of {@code modules} (e.g. "torch", "scipy.ndimage");
     * otherwise why not, for the test's failure message.
     */
    public static String unavailableReason(String... modules) {
        if (!Files.isExecutable(PYTHON)) {
            return PYTHON + " is missing (the python3 first on PATH is not Debian's); " + INSTALL;
        }
        try {
            BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder(PYTHON.toString(), "-c", "import "
                    + String.join(", ", modules)).redirectErrorStream(true), null, Duration.ofSeconds(120));
            return r.exitCode() == 0 ? null : PYTHON + " cannot import " + String.join(", ", modules) + " ("
                    + INSTALL + "): " + r.out();
        } catch (IllegalStateException e) {
            return e.getMessage();
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A JSON array of numbers as floats (each an exact float32 value printed by Python). */
    public static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    /** A number as Python prints it, {@code inf}, {@code -inf} and {@code nan} included. */
    public static double number(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /** Raw little-endian float32, what the scripts read with {@code numpy.fromfile(f, "<f4")}. */
    public static Path writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return Files.write(file, b.array());
    }

    /** Raw little-endian float64, for inputs (such as point coordinates) that must reach Python unrounded. */
    public static Path writeDoubles(Path file, double[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return Files.write(file, b.array());
    }

    public static double[] readDoubles(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(out);
        return out;
    }
}

package org.lrpo.rewards.metrics;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/python/metrics_reference.py} under Debian's {@code /usr/bin/python3} on a job file and
 * parses its output lines {@code <id> <key> <numbers...>}. A missing interpreter or package fails the test
 * with the install command: CI installs them, so a skip would hide a broken setup.
 */
final class PythonReference {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPT = Path.of("src/test/python/metrics_reference.py");
    private static final String INSTALL = "install the references: apt-get install python3-skimage python3-dtcwt";

    private final List<String> jobs = new ArrayList<>();
    private final Path python;

    PythonReference() {
        this(PYTHON);
    }

    /** With another interpreter: only for testing what happens when Debian's is missing. */
    PythonReference(Path python) {
        this.python = python;
    }

    PythonReference astronaut(Path out) {
        jobs.add("astronaut " + out.toAbsolutePath());
        return this;
    }

    PythonReference skimageImage(String name, Path out) {
        jobs.add("skimage " + name + " " + out.toAbsolutePath());
        return this;
    }

    PythonReference fidelity(String id, Path x, Path gt) {
        jobs.add("fidelity " + id + " " + x.toAbsolutePath() + " " + gt.toAbsolutePath());
        return this;
    }

    PythonReference dtcwt(String id, Path image) {
        jobs.add("dtcwt " + id + " " + image.toAbsolutePath());
        return this;
    }

    /** Runs the queued jobs; result key is {@code id + " " + key} (for lowpass: {@code id lowpass c}). */
    Map<String, double[]> run(Path workDir) throws IOException, InterruptedException {
        if (!Files.isExecutable(python)) {
            fail(python + " is missing; " + INSTALL + " (the python3 first on PATH is not Debian's)");
        }
        if (!Files.isRegularFile(SCRIPT)) {
            fail("reference script " + SCRIPT.toAbsolutePath() + " not found; run the test from lrpo-rewards");
        }
        Path jobFile = workDir.resolve("jobs.txt");
        Files.write(jobFile, jobs, StandardCharsets.UTF_8);
        Path stdout = workDir.resolve("reference.out");
        Path stderr = workDir.resolve("reference.err");
        Process p = new ProcessBuilder(python.toString(), SCRIPT.toString(), jobFile.toString())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("reference script timed out after 5 minutes");
        }
        String err = Files.readString(stderr);
        if (p.exitValue() == 3) {
            fail("Python reference packages missing: " + err.trim() + "; " + INSTALL);
        }
        if (p.exitValue() != 0) {
            fail("reference script failed (exit " + p.exitValue() + "): " + err);
        }
        Map<String, double[]> results = new HashMap<>();
        for (String line : Files.readAllLines(stdout)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 3) {
                continue;
            }
            if (f[1].equals("lowpass")) {
                double[] v = new double[f.length - 3];
                for (int i = 3; i < f.length; i++) {
                    v[i - 3] = parse(f[i]);
                }
                results.put(f[0] + " lowpass " + f[2], v);
            } else {
                results.put(f[0] + " " + f[1], new double[] {parse(f[2])});
            }
        }
        return results;
    }

    private static double parse(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }
}

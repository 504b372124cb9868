package org.lrpo.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a helper program (a Python or Node reference, a notebook, a child JVM) with a time limit that holds:
 * its output goes to files rather than pipes, so waiting is never blocked by reading, and on expiry the process and
 * its children are killed and the call fails naming the command. Standard input, when given, is written from
 * another thread, so a program that prints before it has read everything cannot deadlock on full pipe buffers.
 */
public final class BoundedProcess {
    /**
     * What a finished program left.
     *
     * @param exitCode its exit code
     * @param stdout its standard output (with standard error when the builder merges them)
     * @param stderr its standard error, empty when merged
     */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private BoundedProcess() {}

    /**
     * Starts {@code builder} (its output redirections are replaced), feeds it {@code stdin} (null: none) and waits
     * at most {@code limit}.
     *
     * @throws IllegalStateException when the limit passes; the process tree is killed first
     */
    public static Result run(ProcessBuilder builder, byte[] stdin, Duration limit)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("lrpo-process", ".out");
        Path err = Files.createTempFile("lrpo-process", ".err");
        try {
            builder.redirectOutput(out.toFile());
            if (!builder.redirectErrorStream()) {
                builder.redirectError(err.toFile());
            }
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process p = builder.start();
            Thread feeder = null;
            if (stdin != null) {
                feeder = new Thread(() -> {
                    try (OutputStream in = p.getOutputStream()) {
                        in.write(stdin);
                    } catch (IOException e) {
                        // The program stopped reading (it failed or finished); its exit code says which.
                    }
                }, "bounded-process-stdin");
                feeder.setDaemon(true);
                feeder.start();
            }
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(builder.command() + " did not finish within " + limit.toSeconds()
                        + " s and was killed; its output so far:\n" + tail(out) + tail(err));
            }
            if (feeder != null) {
                feeder.join(TimeUnit.SECONDS.toMillis(10));
            }
            return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String tail(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
    }
}

package org.lrpo.jobs.local;

import java.io.PrintStream;
import java.time.Duration;

/** One console line per unit of work: "name i/N, elapsed, ETA, details". */
public final class ProgressLine {
    private final String name;
    private final long total;
    private final long start = System.nanoTime();
    private final PrintStream out;

    public ProgressLine(String name, long total, PrintStream out) {
        this.name = name;
        this.total = total;
        this.out = out;
    }

    public void report(long done, String details) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = done == 0 ? Double.NaN : elapsed / done * (total - done);
        out.printf("%s %d/%d  elapsed %s  ETA %s  %s%n", name, done, total, format(elapsed),
                Double.isNaN(eta) ? "?" : format(eta), details);
        out.flush();
    }

    public static String format(double seconds) {
        Duration d = Duration.ofMillis((long) (seconds * 1000));
        return d.toHours() > 0 ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}

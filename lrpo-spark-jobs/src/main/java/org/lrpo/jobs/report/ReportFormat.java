package org.lrpo.jobs.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.lrpo.jobs.report.ReportContent.Interval;
import org.lrpo.jobs.report.ReportContent.MetricSpec;

/** How numbers read on the page: fixed decimals, a dash for what is not a number, intervals in brackets. */
final class ReportFormat {
    /** Shown for NaN and for values a row does not have. */
    static final String MISSING = "\u2013";

    private ReportFormat() {}

    static String value(double v, int decimals) {
        if (Double.isNaN(v)) {
            return MISSING;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "\u221e" : "\u2212\u221e";
        }
        // A typographic minus lines up with the digits; a hyphen is narrower.
        return String.format(Locale.ROOT, "%." + Math.max(0, decimals) + "f", v).replace('-', '\u2212');
    }

    /** {@code [low, high]}. */
    static String bounds(Interval i, int decimals) {
        return "[" + value(i.low(), decimals) + ", " + value(i.high(), decimals) + "]";
    }

    /** {@code mean [low, high]}, or a dash when the mean is missing. */
    static String interval(Interval i, int decimals) {
        return i == null || Double.isNaN(i.mean()) ? MISSING : value(i.mean(), decimals) + " " + bounds(i, decimals);
    }

    static String count(long n) {
        // A thin space groups thousands without looking like a decimal point in any locale.
        return String.format(Locale.ROOT, "%,d", n).replace(',', '\u2009');
    }

    /** The header arrow of a metric's direction. */
    static String arrow(MetricSpec m) {
        return m.higherIsBetter() ? "\u2191" : "\u2193";
    }

    static String direction(MetricSpec m) {
        return m.higherIsBetter() ? "higher is better" : "lower is better";
    }

    static Optional<MetricSpec> metric(List<MetricSpec> metrics, String key) {
        return metrics.stream().filter(m -> m.key().equals(key)).findFirst();
    }

    /** The metric's label, or its key when the content has no spec for it. */
    static String label(List<MetricSpec> metrics, String key) {
        return metric(metrics, key).map(MetricSpec::label).orElse(key);
    }

    /** Whether {@code v} beats {@code best} in {@code m}'s direction; NaN never does. */
    static boolean better(MetricSpec m, double v, double best) {
        if (Double.isNaN(v)) {
            return false;
        }
        return Double.isNaN(best) || (m.higherIsBetter() ? v > best : v < best);
    }

    /** The best of {@code values} in {@code m}'s direction; NaN when fewer than two are numbers (no contest). */
    static double best(MetricSpec m, double[] values) {
        double best = Double.NaN;
        int numbers = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                numbers++;
                if (better(m, v, best)) {
                    best = v;
                }
            }
        }
        return numbers >= 2 ? best : Double.NaN;
    }

    /** "95 %" for 0.95. */
    static String level(double level) {
        return String.format(Locale.ROOT, "%.1f", level * 100).replaceAll("\\.0$", "") + "\u2009%";
    }

    /** "95 % bootstrap intervals, 2 000 resamples". */
    static String confidence(double level, int resamples) {
        return level(level) + " bootstrap intervals, " + count(resamples) + " resamples";
    }
}

package org.lrpo.rewards.stats;

import java.util.SplittableRandom;

/**
 * The mean of per-face values and its percentile bootstrap interval (Efron and Tibshirani, ch. 13): resample
 * the faces with replacement {@code resamples} times, take each resample's mean, and report the
 * {@code (1 - confidence) / 2} and {@code (1 + confidence) / 2} quantiles of those means.
 *
 * <p>Faces are the unit of resampling because they are the independent draws: several restorations of one face
 * share its content and degradation, so callers average a face's samples first. A paired difference between two
 * models is the same interval on the per-face differences, so the faces' shared difficulty cancels.
 *
 * <p>The resampling stream is given by the caller, seeded from named coordinates, so a report is reproducible.
 *
 * @param mean the plain mean of the values
 * @param low lower end of the interval
 * @param high upper end of the interval
 * @param n how many values (faces)
 */
public record BootstrapInterval(double mean, double low, double high, int n) {

    /**
     * @param values one value per face; NaN values are left out (a metric a face could not be scored on)
     * @param confidence in (0, 1), e.g. 0.95
     * @param resamples at least 1
     * @return NaNs with {@code n = 0} when no value is finite; a zero-width interval for one value
     */
    public static BootstrapInterval of(double[] values, double confidence, int resamples, SplittableRandom random) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
        double[] x = finite(values);
        int n = x.length;
        if (n == 0) {
            return new BootstrapInterval(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = mean(x);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += x[random.nextInt(n)];
            }
            means[b] = sum / n;
        }
        java.util.Arrays.sort(means);
        double alpha = (1 - confidence) / 2;
        return new BootstrapInterval(mean, quantile(means, alpha), quantile(means, 1 - alpha), n);
    }

    /** Whether the interval excludes {@code value} (e.g. 0 for a paired difference). */
    public boolean excludes(double value) {
        return n > 0 && (value < low || value > high);
    }

    /** Linear interpolation between order statistics (numpy's default "linear" method). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double[] finite(double[] values) {
        return java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
    }
}

package org.lrpo.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lrpo.core.random.Seeds;
import org.lrpo.jobs.report.ReportContent.Interval;
import org.lrpo.jobs.report.ReportContent.ModelSummary;
import org.lrpo.jobs.report.ReportContent.PairedDifference;
import org.lrpo.jobs.report.ReportContent.StrengthRow;
import org.lrpo.rewards.stats.BootstrapInterval;

/**
 * The comparisons of a full-reference report: per model the mean of every metric with its bootstrap interval
 * over faces; per pair of models the paired difference on the faces both scored (so the faces' own difficulty
 * cancels); per degradation-strength bin the means. Each bootstrap draws from a stream named by the run seed,
 * the models and the metric, so a report re-run gives the same intervals.
 */
final class ReportSummaries {
    private final FaceScores scores;
    private final long seed;
    private final double confidence;
    private final int resamples;

    ReportSummaries(FaceScores scores, long seed, double confidence, int resamples) {
        this.scores = scores;
        this.seed = seed;
        this.confidence = confidence;
        this.resamples = resamples;
    }

    /** One summary per model, with its source and fingerprint from {@code provenance} (model to {source, hash}). */
    List<ModelSummary> perModel(Map<String, String[]> provenance) {
        List<ModelSummary> out = new ArrayList<>();
        for (String model : scores.models()) {
            List<String> faces = scores.faces(model);
            Map<String, Interval> metrics = new LinkedHashMap<>();
            for (String key : scores.columns().keys()) {
                metrics.put(key, interval(scores.values(model, key, faces), "model", model, key));
            }
            String[] p = provenance.getOrDefault(model, new String[] {"", ""});
            out.add(new ModelSummary(model, p[0], p[1], faces.size(), scores.samples(model), metrics));
        }
        return out;
    }

    /**
     * {@code a − b} for every pair, {@code a} after {@code b} in table order, every metric; the last model's pairs
     * first, nearest first (the newest checkpoint against the one before it is usually the question).
     */
    List<PairedDifference> paired() {
        List<String> models = scores.models();
        List<PairedDifference> out = new ArrayList<>();
        for (int i = models.size() - 1; i >= 0; i--) {
            for (int j = i - 1; j >= 0; j--) {
                out.addAll(paired(models.get(i), models.get(j)));
            }
        }
        return out;
    }

    /** {@code a − b} of every metric over the faces both scored. */
    List<PairedDifference> paired(String a, String b) {
        List<String> faces = new ArrayList<>(scores.faces(a));
        faces.retainAll(scores.faces(b));
        List<PairedDifference> out = new ArrayList<>();
        for (String key : scores.columns().keys()) {
            double[] x = scores.values(a, key, faces);
            double[] y = scores.values(b, key, faces);
            double[] d = new double[faces.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = x[i] - y[i];
            }
            out.add(new PairedDifference(a, b, key, interval(d, "paired", a + "\u0000" + b, key)));
        }
        return out;
    }

    /** The means of every model on the faces of each strength bin. */
    List<StrengthRow> byStrength() {
        List<StrengthRow> out = new ArrayList<>();
        scores.facesByStrength().forEach((bin, faces) -> {
            for (String model : scores.models()) {
                Map<String, Double> means = new LinkedHashMap<>();
                for (String key : scores.columns().keys()) {
                    means.put(key, mean(scores.values(model, key, faces)));
                }
                out.add(new StrengthRow(bin, model, faces.size(), means));
            }
        });
        return out;
    }

    private Interval interval(double[] values, String kind, String models, String metric) {
        BootstrapInterval b = BootstrapInterval.of(values, confidence, resamples,
                Seeds.stream(seed, "report-bootstrap-" + kind, Seeds.idCoordinate(models), Seeds.idCoordinate(metric)));
        return new Interval(b.mean(), b.low(), b.high(), b.n());
    }

    private static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}

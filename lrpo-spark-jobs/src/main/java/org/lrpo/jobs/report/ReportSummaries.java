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
import org.lrpo.rewards.stats.SeedBootstrap;

/**
 * The comparisons of a full-reference report: per model the mean of every metric with its bootstrap interval
 * over faces; per pair of models the paired difference on the faces both scored (so the faces' own difficulty
 * cancels); per degradation-strength bin the means. Each bootstrap draws from a stream named by the run seed,
 * the models and the metric, so a report re-run gives the same intervals.
 *
 * <p>Rows named {@code NAME@SEED} are training runs of one model {@code NAME} with different seeds: besides
 * its own row each gets, the model gets a row whose interval resamples its seeds as well as the faces
 * ({@link SeedBootstrap}), and paired differences compare models, not single runs.
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

    /**
     * One summary per row, with its source and fingerprint from {@code provenance} (row to {source, hash}), then
     * one per model trained with several seeds.
     */
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
        units().forEach((unit, rows) -> {
            if (rows.size() > 1) {
                List<String> faces = commonFaces(rows);
                Map<String, Interval> metrics = new LinkedHashMap<>();
                for (String key : scores.columns().keys()) {
                    metrics.put(key, seeds(matrix(rows, key, faces), null, "seeds", unit, key));
                }
                out.add(new ModelSummary(unit + " (" + rows.size() + " seeds)", String.join(", ", rows), "",
                        faces.size(), scores.samples(rows.get(0)), metrics));
            }
        });
        return out;
    }

    /**
     * {@code a − b} for every pair of models, {@code a} after {@code b} in table order, every metric; the last
     * model's pairs first, nearest first (the newest checkpoint against the one before it is usually the question).
     */
    List<PairedDifference> paired() {
        List<String> units = new ArrayList<>(units().keySet());
        List<PairedDifference> out = new ArrayList<>();
        for (int i = units.size() - 1; i >= 0; i--) {
            for (int j = i - 1; j >= 0; j--) {
                out.addAll(paired(units.get(i), units.get(j)));
            }
        }
        return out;
    }

    /** {@code a − b} of every metric over the faces both scored ({@code a}, {@code b}: models, see the class). */
    List<PairedDifference> paired(String a, String b) {
        List<String> rowsA = units().get(a);
        List<String> rowsB = units().get(b);
        List<String> both = new ArrayList<>(rowsA);
        both.addAll(rowsB);
        List<String> faces = commonFaces(both);
        List<PairedDifference> out = new ArrayList<>();
        for (String key : scores.columns().keys()) {
            out.add(new PairedDifference(a, b, key, seeds(matrix(rowsA, key, faces), matrix(rowsB, key, faces),
                    "paired", a + "\u0000" + b, key)));
        }
        return out;
    }

    /** Models in table order, each with its rows: {@code NAME@SEED} rows under {@code NAME}, others alone. */
    Map<String, List<String>> units() {
        Map<String, List<String>> units = new LinkedHashMap<>();
        for (String row : scores.models()) {
            int at = row.indexOf('@');
            units.computeIfAbsent(at > 0 ? row.substring(0, at) : row, k -> new ArrayList<>()).add(row);
        }
        return units;
    }

    private List<String> commonFaces(List<String> rows) {
        List<String> faces = new ArrayList<>(scores.faces(rows.get(0)));
        rows.forEach(r -> faces.retainAll(scores.faces(r)));
        return faces;
    }

    /** {@code [row][face]} values of {@code key}. */
    private double[][] matrix(List<String> rows, String key, List<String> faces) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = scores.values(rows.get(i), key, faces);
        }
        return m;
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

    private Interval seeds(double[][] a, double[][] b, String kind, String models, String metric) {
        BootstrapInterval i = a[0].length == 0 ? new BootstrapInterval(Double.NaN, Double.NaN, Double.NaN, 0)
                : SeedBootstrap.difference(a, b, confidence, resamples, Seeds.stream(seed, "report-bootstrap-" + kind,
                        Seeds.idCoordinate(models), Seeds.idCoordinate(metric)));
        return new Interval(i.mean(), i.low(), i.high(), i.n());
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

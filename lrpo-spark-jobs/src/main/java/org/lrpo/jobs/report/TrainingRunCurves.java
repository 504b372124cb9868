package org.lrpo.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.report.ReportContent.Chart;
import org.lrpo.jobs.report.ReportContent.Series;
import org.lrpo.jobs.report.ReportContent.TrainingCurves;

/**
 * The training curves of a run folder, from the metrics tables its jobs write ({@code stage1/metrics.jsonl} and
 * {@code pretrain/metrics.jsonl}: one row per supervised step; {@code train/metrics.jsonl}: one row per LRPO
 * round): loss, reward mean ± std and per component, clip fraction, approximate KL, regulariser, policy loss,
 * gradient norm and the time split of a round.
 */
final class TrainingRunCurves {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Smoothing of the supervised loss curve (exponential, as the progress line shows it). */
    private static final double SMOOTHING = 0.95;

    private TrainingRunCurves() {}

    /**
     * @throws BadInputException when {@code run} holds none of the three tables or one cannot be parsed
     */
    static TrainingCurves read(Configuration hadoop, String run) {
        List<Chart> charts = new ArrayList<>();
        try {
            List<JsonNode> stage1 = rows(hadoop, run + "/stage1/metrics.jsonl");
            List<JsonNode> pretrain = rows(hadoop, run + "/pretrain/metrics.jsonl");
            List<JsonNode> train = rows(hadoop, run + "/train/metrics.jsonl");
            if (stage1 == null && pretrain == null && train == null) {
                throw new BadInputException("--run " + run + " holds no metrics table (stage1/metrics.jsonl, "
                        + "pretrain/metrics.jsonl or train/metrics.jsonl): give the lrpo.output-dir of a demo, "
                        + "pretrain or train run");
            }
            if (stage1 != null) {
                charts.add(loss("Stage 1 (restoration module): pixel loss", stage1));
            }
            if (pretrain != null) {
                charts.add(loss("Supervised diffusion pre-training: loss", pretrain));
            }
            if (train != null) {
                charts.addAll(lrpo(train));
            }
        } catch (IOException e) {
            throw new BadInputException("cannot read the metrics of --run " + run + ": " + e.getMessage(), e);
        }
        return new TrainingCurves(run, charts);
    }

    private static Chart loss(String title, List<JsonNode> rows) {
        double[] step = column(rows, r -> r.path("step").asDouble());
        double[] loss = column(rows, r -> r.path("loss").asDouble(Double.NaN));
        double[] smooth = new double[loss.length];
        double s = Double.NaN;
        for (int i = 0; i < loss.length; i++) {
            s = Double.isNaN(s) ? loss[i] : SMOOTHING * s + (1 - SMOOTHING) * loss[i];
            smooth[i] = s;
        }
        return new Chart(title, "step", "loss", List.of(new Series("loss", step, loss, new double[0]),
                new Series("smoothed", step, smooth, new double[0])));
    }

    private static List<Chart> lrpo(List<JsonNode> rows) {
        double[] round = column(rows, r -> r.path("round").asDouble());
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart("LRPO: composite reward of the rollouts (mean ± std)", "round", "reward",
                List.of(new Series("reward", round, column(rows, r -> r.path("rewardMean").asDouble(Double.NaN)),
                        column(rows, r -> r.path("rewardStd").asDouble(Double.NaN))))));
        Map<String, double[]> components = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            int at = i;
            rows.get(i).path("componentMeans").fields().forEachRemaining(e ->
                    components.computeIfAbsent(e.getKey(), k -> nans(rows.size()))[at] = e.getValue().asDouble());
        }
        List<Series> parts = new ArrayList<>();
        components.forEach((name, v) -> parts.add(new Series(name, round, v, new double[0])));
        if (!parts.isEmpty()) {
            charts.add(new Chart("LRPO: reward components (mean per round)", "round", "score", parts));
        }
        charts.add(chart("LRPO: trust region", "round", rows, round, "clip fraction", "clipFraction",
                "approx. KL", "approxKl"));
        charts.add(chart("LRPO: objective terms", "round", rows, round, "policy loss", "policyLoss",
                "regulariser", "regulariser"));
        charts.add(chart("LRPO: gradient norm (mean over updates)", "round", rows, round, "grad norm",
                "gradNormMean"));
        charts.add(chart("LRPO: seconds per round", "round", rows, round, "rollout", "rolloutSeconds", "reward",
                "rewardSeconds", "gradients", "trainSeconds"));
        return charts;
    }

    /** A chart of fields given as (series name, JSON field) pairs. */
    private static Chart chart(String title, String x, List<JsonNode> rows, double[] xs, String... namesAndFields) {
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < namesAndFields.length; i += 2) {
            String field = namesAndFields[i + 1];
            series.add(new Series(namesAndFields[i], xs, column(rows, r -> r.path(field).asDouble(Double.NaN)),
                    new double[0]));
        }
        return new Chart(title, x, "value", series);
    }

    private static double[] column(List<JsonNode> rows, ToDoubleFunction<JsonNode> f) {
        return rows.stream().mapToDouble(f).toArray();
    }

    private static double[] nans(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }

    /** The table's rows, or null when the file does not exist. */
    private static List<JsonNode> rows(Configuration hadoop, String file) throws IOException {
        Path p = new Path(file);
        FileSystem fs = p.getFileSystem(hadoop);
        if (!fs.exists(p)) {
            return null;
        }
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(p), StandardCharsets.UTF_8))) {
            int line = 0;
            for (String s = in.readLine(); s != null; s = in.readLine()) {
                line++;
                if (s.isBlank()) {
                    continue;
                }
                try {
                    rows.add(JSON.readTree(s));
                } catch (IOException e) {
                    throw new IOException(file + " line " + line + " is not JSON: " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }
}

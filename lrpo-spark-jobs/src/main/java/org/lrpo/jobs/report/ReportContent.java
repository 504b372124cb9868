package org.lrpo.jobs.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lrpo.jobs.local.ClaimsCurves;
import org.lrpo.jobs.local.ClaimsTable;

/**
 * Everything {@code report.html} shows, as the driver holds it after the executors computed the metrics:
 * numbers, a few thumbnails and the provenance. No Spark types, so the page can be rendered (and tested) from
 * hand-made content.
 *
 * @param title the page's heading
 * @param metrics the metrics of the tables, in column order
 * @param summaries one per model (row of the summary table), in the order given on the command line
 * @param paired paired differences between models on the same faces
 * @param byStrength per degradation-strength bin and model, the means
 * @param sideBySide the first faces as restored by every model, one picture
 * @param grids best, worst and random faces per model
 * @param runs training curves, one entry per run given
 * @param restoreRun the no-reference report of a {@code restore} output, when one was given
 * @param claims the held-out curves and table of a claims experiment folder, when one was given
 * @param provenance what produced the report
 */
public record ReportContent(String title, List<MetricSpec> metrics, List<ModelSummary> summaries,
                            List<PairedDifference> paired, List<StrengthRow> byStrength,
                            Optional<SideBySide> sideBySide, List<FaceGrid> grids,
                            List<TrainingCurves> runs, Optional<RestoreRunSummary> restoreRun,
                            Optional<Claims> claims, Provenance provenance) {

    public ReportContent {
        metrics = List.copyOf(metrics);
        summaries = List.copyOf(summaries);
        paired = List.copyOf(paired);
        byStrength = List.copyOf(byStrength);
        grids = List.copyOf(grids);
        runs = List.copyOf(runs);
    }

    /**
     * A metric column.
     *
     * @param key column name in the Parquet/CSV tables (e.g. {@code psnr})
     * @param label what a table header shows (e.g. {@code PSNR (dB)})
     * @param higherIsBetter direction, for the arrows and for "best"/"worst"
     * @param decimals digits after the point in tables
     */
    public record MetricSpec(String key, String label, boolean higherIsBetter, int decimals)
            implements java.io.Serializable {}

    /** A mean with its 95 % (or configured) bootstrap interval over {@code n} faces. */
    public record Interval(double mean, double low, double high, int n) {}

    /**
     * One model's row of the summary table.
     *
     * @param model the row's name ({@code input}, {@code stage1}, or a {@code --checkpoint} name)
     * @param source where its weights came from (checkpoint path), empty for the input row
     * @param fingerprint SHA-256 of its weights, empty for the input row
     * @param faces faces scored
     * @param samples restorations per face (1 for deterministic rows)
     * @param metrics metric key to mean and interval (over faces; samples averaged per face first)
     */
    public record ModelSummary(String model, String source, String fingerprint, int faces, int samples,
                               Map<String, Interval> metrics) {}

    /** {@code modelA − modelB} of {@code metric} over the faces both scored, with its interval. */
    public record PairedDifference(String modelA, String modelB, String metric, Interval difference) {}

    /** The means of one model over the faces of one degradation-strength bin. */
    public record StrengthRow(String bin, String model, int faces, Map<String, Double> means) {}

    /**
     * One picture of the first faces: a row per face, a column per entry of {@code columns}.
     *
     * @param columns column headings, left to right
     * @param faces rows
     * @param png the picture
     */
    public record SideBySide(List<String> columns, int faces, byte[] png) {}

    /** A face shown in a grid: the model's output (PNG) beside its input and ground truth, the metric under it. */
    public record GridCell(String faceId, byte[] lqPng, byte[] outputPng, byte[] truthPng, double value) {}

    /** A model's best, worst and (seeded) random faces by {@code metric}. */
    public record FaceGrid(String model, String metric, List<GridCell> best, List<GridCell> worst,
                           List<GridCell> random) {}

    /**
     * One line of a chart: {@code y} against {@code x}; {@code spread} (same length, or empty) draws a band
     * of {@code y ± spread}; {@code low} and {@code high} (same length, or empty) a band between them instead,
     * for intervals that need not be symmetric (bootstrap ones).
     */
    public record Series(String name, double[] x, double[] y, double[] spread, double[] low, double[] high) {
        public Series(String name, double[] x, double[] y, double[] spread) {
            this(name, x, y, spread, new double[0], new double[0]);
        }

        /** A line with a band from {@code low} to {@code high}. */
        public static Series between(String name, double[] x, double[] y, double[] low, double[] high) {
            return new Series(name, x, y, new double[0], low, high);
        }
    }

    /** A chart: title, axis labels and its lines. */
    public record Chart(String title, String xLabel, String yLabel, List<Series> series) {}

    /** The curves of one training run (its {@code metrics.jsonl} tables). */
    public record TrainingCurves(String run, List<Chart> charts) {}

    /**
     * The no-reference report of one {@code restore} output.
     *
     * @param output the restore output folder
     * @param statusCounts manifest rows per status ({@code restored}, {@code no_face}, ...)
     * @param quarantineReasons quarantined inputs per reason
     * @param faceStats per-face metric (NIQE in/out, identity cosine) means with intervals
     * @param facesPerPhoto photos with 0, 1, 2, ... faces
     * @param secondsPerPhase mean seconds per photo of each phase
     * @param photosPerSecond photos restored per second of task time (sum over tasks)
     */
    public record RestoreRunSummary(String output, Map<String, Long> statusCounts,
                                    Map<String, Long> quarantineReasons, Map<String, Interval> faceStats,
                                    Map<Integer, Long> facesPerPhoto, Map<String, Double> secondsPerPhase,
                                    double photosPerSecond) {}

    /**
     * The claims experiment of one {@code lrpo experiment} output folder ({@code faces.csv}).
     *
     * @param folder the folder
     * @param curves per variant, evaluated round and metric, the mean over runs with its interval
     * @param table the numbers of its {@code table.md}, recomputed from the same rows
     */
    public record Claims(String folder, List<ClaimsCurves.Point> curves, ClaimsTable.Summary table) {
        public Claims {
            curves = List.copyOf(curves);
        }
    }

    /**
     * What produced the report.
     *
     * @param created ISO-8601 time the report was written
     * @param command the command line (secrets redacted)
     * @param dataset the evaluated dataset, empty when none
     * @param degradation the degradation preset and seed used
     * @param config the effective {@code lrpo} configuration, secrets redacted (HOCON text)
     * @param confidence the bootstrap intervals' level (e.g. 0.95) and resamples
     */
    public record Provenance(String created, String command, String dataset, String degradation, String config,
                             double confidence, int resamples) {}
}

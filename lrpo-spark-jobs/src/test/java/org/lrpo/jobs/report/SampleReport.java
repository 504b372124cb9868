package org.lrpo.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lrpo.core.degrade.Degradation;
import org.lrpo.core.degrade.DegradationPreset;
import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.ImageDecodeException;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.train.ImageGrid;
import org.lrpo.jobs.report.ReportContent.Chart;
import org.lrpo.jobs.report.ReportContent.FaceGrid;
import org.lrpo.jobs.report.ReportContent.GridCell;
import org.lrpo.jobs.report.ReportContent.Interval;
import org.lrpo.jobs.report.ReportContent.MetricSpec;
import org.lrpo.jobs.report.ReportContent.ModelSummary;
import org.lrpo.jobs.report.ReportContent.PairedDifference;
import org.lrpo.jobs.report.ReportContent.Provenance;
import org.lrpo.jobs.report.ReportContent.RestoreRunSummary;
import org.lrpo.jobs.report.ReportContent.Series;
import org.lrpo.jobs.report.ReportContent.SideBySide;
import org.lrpo.jobs.report.ReportContent.StrengthRow;
import org.lrpo.jobs.report.ReportContent.TrainingCurves;

/**
 * A hand-made report as the {@code report} job would fill it: three models, six metrics, paired differences,
 * two strength bins, face grids of real 32-pixel PNGs (synthetic faces, degraded for real), two training charts
 * with bands and a restore run. The input row has no identity score (NaN), as when the identity network
 * cannot score an input.
 */
final class SampleReport {
    static final String INPUT = "input";
    static final String STAGE1 = "stage1";
    static final String RL = "lrpo-rl";
    static final int CELLS_PER_ROW = 4;
    static final int FACE_SIZE = 32;
    static final String CONFIG = """
            lrpo {
              seed = 20250601
              restore { sampler = "ddim", steps = 20, eta = 0.0 }
              reward { components = [ { name = "lpips", weight = 1.0 }, { name = "identity", weight = 0.5 } ] }
              spark-train { group-size = 8, kl-coefficient = 0.05, learning-rate = 1.0e-5 }
            }
            """;

    static final List<MetricSpec> METRICS = List.of(
            new MetricSpec("psnr", "PSNR (dB)", true, 2),
            new MetricSpec("ssim", "SSIM", true, 3),
            new MetricSpec("lpips", "LPIPS", false, 3),
            new MetricSpec("dists", "DISTS", false, 3),
            new MetricSpec("identity", "Identity cos", true, 3),
            new MetricSpec("niqe", "NIQE", false, 2));

    private SampleReport() {}

    static ReportContent content() {
        return content(RL, CONFIG);
    }

    /** The sample with the third model named {@code rlName} and {@code config} as the configuration. */
    static ReportContent content(String rlName, String config) {
        List<String> models = List.of(INPUT, STAGE1, rlName);
        List<ModelSummary> summaries = List.of(
                summary(INPUT, "", "", 1, 22.41, 0.612, 0.412, 0.281, Double.NaN, 9.84),
                summary(STAGE1, "s3a://lrpo/ckpt/stage1/step-40000", fingerprint(1), 4,
                        25.87, 0.741, 0.246, 0.173, 0.781, 5.12),
                summary(rlName, "s3a://lrpo/ckpt/rl&kl=0.05/best", fingerprint(2), 4,
                        26.02, 0.752, 0.205, 0.151, 0.823, 4.66));
        List<PairedDifference> paired = new ArrayList<>();
        double[][] deltas = {{3.46, 0.129, -0.166, -0.108, Double.NaN, -4.72}, {0.15, 0.011, -0.041, -0.022, 0.042, -0.46}};
        for (int p = 0; p < 2; p++) {
            for (int m = 0; m < METRICS.size(); m++) {
                double d = deltas[p][m];
                if (Double.isNaN(d)) {
                    continue;
                }
                // The second comparison's PSNR interval straddles 0: not every difference is settled.
                double half = p == 1 && m == 0 ? 0.31 : Math.abs(d) * 0.35;
                paired.add(new PairedDifference(models.get(p + 1), models.get(p), METRICS.get(m).key(),
                        new Interval(d, d - half, d + half, 2000)));
            }
        }
        List<StrengthRow> byStrength = new ArrayList<>();
        for (String bin : List.of("mild", "severe")) {
            double shift = bin.equals("mild") ? 1.0 : -1.0;
            for (int i = 0; i < models.size(); i++) {
                ModelSummary s = summaries.get(i);
                Map<String, Double> means = new LinkedHashMap<>();
                for (MetricSpec m : METRICS) {
                    double mean = s.metrics().get(m.key()).mean();
                    means.put(m.key(), mean + shift * (m.higherIsBetter() ? 1 : -1) * Math.abs(mean) * 0.06);
                }
                byStrength.add(new StrengthRow(bin, models.get(i), bin.equals("mild") ? 1240 : 760, means));
            }
        }
        List<FaceGrid> grids = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            grids.add(new FaceGrid(models.get(i), "psnr", cells(i, 0, 29.5, -0.4), cells(i, 10, 17.2, 0.5),
                    cells(i, 20, 23.8, 0.9)));
        }
        List<TrainingCurves> runs = List.of(new TrainingCurves("rl-2025-06-01 (group 8, KL 0.05)", List.of(
                new Chart("Reward per step", "step", "reward", List.of(
                        curve("train", 0.42, 0.31, 0.05), curve("eval", 0.40, 0.27, 0.07))),
                new Chart("KL to stage 1", "step", "KL (nats)", List.of(
                        curve("kl", 0.0, 0.12, 0.015))))));
        RestoreRunSummary restore = new RestoreRunSummary("s3a://lrpo/restore/wedding-2025",
                ordered("restored", 1180L, "no_face", 64L, "quarantined", 6L),
                ordered("undecodable", 4L, "too_many_pixels", 2L),
                ordered("NIQE in", new Interval(8.91, 8.62, 9.22, 1874), "NIQE out", new Interval(4.83, 4.70, 4.97, 1874),
                        "identity cos (in, out)", new Interval(0.861, 0.852, 0.870, 1874)),
                ordered(0, 64L, 1, 902L, 2, 226L, 3, 52L),
                ordered("decode", 0.041, "detect", 0.112, "restore", 1.871, "paste", 0.026, "encode", 0.058),
                0.472);
        Provenance provenance = new Provenance("2025-06-01T12:34:56Z",
                "lrpo report --dataset s3a://lrpo/faces/val-2k --checkpoint stage1=s3a://lrpo/ckpt/stage1/step-40000 "
                        + "--checkpoint lrpo-rl=s3a://lrpo/ckpt/rl/best --out s3a://lrpo/reports/2025-06-01",
                "s3a://lrpo/faces/val-2k (2000 faces, 32 px)", "diffbir, seed 20250601", config, 0.95, 2000);
        return new ReportContent("Face restoration report: stage 1 vs. LRPO", METRICS, summaries, paired,
                byStrength, Optional.of(sideBySide(grids.get(0).best())), grids, runs, Optional.of(restore),
                Optional.empty(), provenance);
    }

    /** The first cells' input | output | ground truth, one row each, as the job lays them out. */
    private static SideBySide sideBySide(List<GridCell> cells) {
        List<List<RgbImage>> rows = new ArrayList<>();
        ImageCodec codec = ImageCodec.defaults();
        try {
            for (GridCell c : cells) {
                rows.add(List.of(codec.decode(c.lqPng(), "lq"), codec.decode(c.outputPng(), "out"),
                        codec.decode(c.truthPng(), "gt")));
            }
        } catch (ImageDecodeException e) {
            throw new IllegalStateException(e);
        }
        return new SideBySide(List.of("input", "output", "ground truth"), rows.size(),
                ImageGrid.png(rows, 4, 4));
    }

    private static ModelSummary summary(String model, String source, String fingerprint, int samples,
            double... means) {
        Map<String, Interval> metrics = new LinkedHashMap<>();
        for (int m = 0; m < METRICS.size(); m++) {
            double v = means[m];
            double half = Math.abs(v) * (0.012 + 0.004 * m);
            metrics.put(METRICS.get(m).key(), new Interval(v, v - half, v + half, 2000));
        }
        return new ModelSummary(model, source, fingerprint, 2000, samples, metrics);
    }

    private static String fingerprint(int seed) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            hex.append(Character.forDigit((i * 7 + seed * 13) % 16, 16));
        }
        return hex.toString();
    }

    /** A row of faces: LQ degraded with DiffBIR's ranges; the output is the LQ for the input row, else the
     * truth lightly degraded (a stand-in restoration that looks like one). One value is NaN. */
    private static List<GridCell> cells(int model, int firstFace, double value, double step) {
        List<GridCell> cells = new ArrayList<>();
        for (int k = 0; k < CELLS_PER_ROW; k++) {
            int face = firstFace + k;
            String id = String.format("val-%05d", 317 * face + 11);
            RgbImage truth = FaceGenerator.face(7, face, 0, FACE_SIZE);
            RgbImage lq = Degradation.apply(truth, DegradationPreset.DIFFBIR, 7, id, 0).lq();
            RgbImage output = model == 0 ? lq : Degradation.apply(truth, DegradationPreset.LIGHT, 8 + model, id, 0).lq();
            double v = model == 1 && face == 21 ? Double.NaN : value + step * k + 0.8 * model;
            cells.add(new GridCell(id, ImageCodec.encodePng(lq), ImageCodec.encodePng(output),
                    ImageCodec.encodePng(truth), v));
        }
        return cells;
    }

    /** A learning curve rising from {@code start} by {@code rise}, with noise and a band of {@code spread}. */
    private static Series curve(String name, double start, double rise, double spread) {
        int n = 61;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 50;
            y[i] = start + rise * (1 - Math.exp(-i / 15.0)) + 0.012 * Math.sin(i * 1.7 + name.length());
            s[i] = spread * (1 - 0.4 * i / n);
        }
        return new Series(name, x, y, s);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> ordered(Object... keysAndValues) {
        Map<K, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((K) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}

package org.lrpo.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lrpo.jobs.report.ReportContent.ModelSummary;
import org.lrpo.jobs.report.ReportContent.PairedDifference;
import org.lrpo.rewards.reward.RewardSettings;

/** The report's comparisons on hand-made scores: samples averaged per face, seeds grouped, pairs by model. */
class ReportSummariesTest {
    private static final MetricColumns COLUMNS = MetricColumns.of(RewardSettings.methodDefault());

    /** Every metric of the row set to {@code v}. */
    private static double[] all(double v) {
        double[] out = new double[COLUMNS.keys().size()];
        java.util.Arrays.fill(out, v);
        return out;
    }

    @Test
    void samplesAreAveragedPerFaceAndSeedsMakeAModel() {
        FaceScores s = new FaceScores(COLUMNS, List.of("input", "lrpo@1", "lrpo@2"));
        for (int f = 0; f < 6; f++) {
            String face = "f" + f;
            s.add("input", face, 0, "mild", all(f));
            // Two samples per face: their mean is f + 2 (seed 1) and f + 4 (seed 2).
            s.add("lrpo@1", face, 0, "mild", all(f + 1));
            s.add("lrpo@1", face, 1, "mild", all(f + 3));
            s.add("lrpo@2", face, 0, "mild", all(f + 4));
            s.add("lrpo@2", face, 1, "mild", all(f + 4));
        }
        ReportSummaries sums = new ReportSummaries(s, 1, 0.95, 500);
        List<ModelSummary> rows = sums.perModel(Map.of());
        assertEquals(List.of("input", "lrpo@1", "lrpo@2", "lrpo (2 seeds)"), rows.stream().map(ModelSummary::model).toList());
        // Faces 0..5 have mean 2.5; seed 1 adds 2, seed 2 adds 4; the model's mean is their mean.
        assertEquals(4.5, rows.get(1).metrics().get("psnr").mean(), 1e-12);
        assertEquals(6.5, rows.get(2).metrics().get("psnr").mean(), 1e-12);
        assertEquals(5.5, rows.get(3).metrics().get("psnr").mean(), 1e-12);
        assertEquals(2, rows.get(1).samples());
        // Resampling the two seeds makes the model's interval reach both runs' means.
        ReportContent.Interval model = rows.get(3).metrics().get("psnr");
        assertTrue(model.low() < 5.0 && model.high() > 6.0, model.toString());

        List<PairedDifference> pairs = sums.paired().stream().filter(p -> p.metric().equals("psnr")).toList();
        assertEquals(1, pairs.size(), "pairs are between models, not runs: " + pairs);
        assertEquals("lrpo", pairs.get(0).modelA());
        assertEquals(3.0, pairs.get(0).difference().mean(), 1e-12);
    }

    @Test
    void aModelComparedWithItselfDiffersByExactlyZero() {
        FaceScores s = new FaceScores(COLUMNS, List.of("a", "b"));
        for (int f = 0; f < 10; f++) {
            s.add("a", "f" + f, 0, f < 5 ? "mild" : "severe", all(Math.sin(f)));
            s.add("b", "f" + f, 0, f < 5 ? "mild" : "severe", all(Math.sin(f)));
        }
        for (PairedDifference d : new ReportSummaries(s, 1, 0.95, 500).paired()) {
            assertEquals(0.0, d.difference().mean(), 0.0, d.metric());
            assertEquals(0.0, d.difference().low(), 0.0, d.metric());
            assertEquals(0.0, d.difference().high(), 0.0, d.metric());
        }
    }

    @Test
    void strengthBinsAverageTheirOwnFaces() {
        FaceScores s = new FaceScores(COLUMNS, List.of("a"));
        s.add("a", "f1", 0, "mild", all(1));
        s.add("a", "f2", 0, "mild", all(3));
        s.add("a", "f3", 0, "severe", all(10));
        List<ReportContent.StrengthRow> rows = new ReportSummaries(s, 1, 0.95, 200).byStrength();
        assertEquals(2, rows.size());
        assertEquals(2.0, rows.get(0).means().get("ssim"), 1e-12);
        assertEquals(2, rows.get(0).faces());
        assertEquals(10.0, rows.get(1).means().get("ssim"), 1e-12);
    }
}

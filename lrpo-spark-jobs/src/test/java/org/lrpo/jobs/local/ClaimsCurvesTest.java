package org.lrpo.jobs.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lrpo.jobs.local.ClaimsCurves.Point;
import org.lrpo.jobs.local.ClaimsRows.FaceRow;

/**
 * The curves' points on hand-made rows where every value is known: two pretrain seeds, lrpo trained on the first
 * only, so its round 0 must be the first seed's supervised value, not the mean over both.
 */
class ClaimsCurvesTest {
    private static final List<String> FACES = List.of("a", "b");

    @Test
    void aTrainedCurveStartsFromTheSupervisedRowsOfItsOwnPretrainSeeds() {
        List<FaceRow> rows = new ArrayList<>();
        add(rows, 1, "supervised", 0, 0, 10);
        add(rows, 2, "supervised", 0, 0, 20);
        add(rows, 1, "lrpo", 1, 3, 11);
        add(rows, 1, "lrpo", 2, 3, 13);
        add(rows, 1, "lrpo", 1, 6, 14);
        ClaimsTable table = new ClaimsTable(new ClaimsRows(List.of("reward"), rows), 0.95, 200);

        List<Point> curve = ClaimsCurves.of(table, List.of("supervised", "lrpo"));
        Map<String, Point> points = curve.stream()
                .collect(Collectors.toMap(p -> p.variant() + "/" + p.round(), Function.identity()));

        assertEquals(List.of("supervised/0", "lrpo/0", "lrpo/3", "lrpo/6"),
                curve.stream().map(p -> p.variant() + "/" + p.round()).toList());
        assertEquals(15, points.get("supervised/0").value().mean(), 1e-12);
        assertEquals(2, points.get("supervised/0").runs());
        assertEquals(10, points.get("lrpo/0").value().mean(), 1e-12, "pretrain seed 1's supervised value");
        assertEquals(2, points.get("lrpo/0").runs(), "both lrpo runs start there");
        assertEquals(12, points.get("lrpo/3").value().mean(), 1e-12);
        assertEquals(2, points.get("lrpo/3").runs());
        assertEquals(14, points.get("lrpo/6").value().mean(), 1e-12);
        assertEquals(1, points.get("lrpo/6").runs(), "the second seed was not evaluated at round 6");
        // The final point is the table's cell: same statistic, same resampling.
        ClaimsTable.VariantRow last = table.summary(List.of("supervised", "lrpo")).variants().get(1);
        assertEquals(last.values().get(0), points.get("lrpo/6").value());
    }

    /** The rows of one evaluation: every face scores {@code value} + its index / 10. */
    private static void add(List<FaceRow> rows, long pretrainSeed, String variant, long seed, int round, double value) {
        for (int f = 0; f < FACES.size(); f++) {
            double[] v = {value + (f - 0.5) / 10};
            rows.add(new FaceRow(pretrainSeed, variant, seed, round, FACES.get(f), v));
        }
    }
}

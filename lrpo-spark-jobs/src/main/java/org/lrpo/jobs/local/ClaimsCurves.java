package org.lrpo.jobs.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lrpo.rewards.stats.BootstrapInterval;

/**
 * The claims experiment's held-out curves: per variant, evaluated round and metric, the mean over the variant's
 * runs and its interval over (run, face), computed as {@link ClaimsTable} computes a variant's row (same statistic,
 * same resampling stream), so a curve's last point is the table's cell.
 *
 * <p>A trained variant's curve starts at round 0 from the supervised rows of its runs' pretrain seeds, one copy per
 * run: every run starts from that checkpoint and is evaluated with the same noise, so this is what the run scored
 * before its first round, and the curve shows the change training made.
 */
public final class ClaimsCurves {
    /**
     * One point of a curve.
     *
     * @param runs the runs behind it (at round 0 of a trained variant: its runs whose pretrain seed has a supervised
     *             row)
     */
    public record Point(String variant, int round, String metric, BootstrapInterval value, int runs) {}

    private ClaimsCurves() {}

    /** Every metric's points, variants of {@code variantOrder} first, each variant's rounds ascending. */
    public static List<Point> of(ClaimsTable table, List<String> variantOrder) {
        ClaimsRows rows = table.rows();
        List<Point> points = new ArrayList<>();
        for (String v : rows.variants(variantOrder)) {
            for (int m = 0; m < rows.metrics().size(); m++) {
                String metric = rows.metrics().get(m);
                int startRuns = v.equals(ClaimsTable.SUPERVISED) ? 0 : startRuns(rows, v);
                if (startRuns > 0 && !rows.rounds(v).contains(0)) {
                    points.add(new Point(v, 0, metric, table.interval(v, m, start(rows, v, m)), startRuns));
                }
                for (int round : rows.rounds(v)) {
                    int at = round;
                    double[][] cells = rows.cells(v, null, r -> r.round() == at, m);
                    points.add(new Point(v, round, metric, table.interval(v, m, cells), rows.runsAt(v, round)));
                }
            }
        }
        return points;
    }

    private static int startRuns(ClaimsRows rows, String variant) {
        Set<Long> supervised = rows.pretrainSeeds(ClaimsTable.SUPERVISED);
        return (int) rows.runs(variant).stream().filter(r -> supervised.contains(r.get(0))).count();
    }

    /** values[run][face]: each of the variant's runs given the supervised round-0 row of its pretrain seed. */
    private static double[][] start(ClaimsRows rows, String variant, int metric) {
        List<List<Long>> runs = rows.runs(variant);
        double[][] cells = new double[runs.size()][];
        for (int i = 0; i < runs.size(); i++) {
            // One supervised run per pretrain seed: a single row, all NaN when that seed has none.
            cells[i] = rows.cells(ClaimsTable.SUPERVISED, Set.of(runs.get(i).get(0)), r -> r.round() == 0, metric)[0];
        }
        return cells;
    }
}

package org.lrpo.jobs.report;

import java.util.ArrayList;
import java.util.List;
import org.lrpo.jobs.local.ClaimsCurves.Point;
import org.lrpo.jobs.local.ClaimsTable;
import org.lrpo.jobs.report.ReportContent.Chart;
import org.lrpo.jobs.report.ReportContent.MetricSpec;
import org.lrpo.jobs.report.ReportContent.Series;

/**
 * The claims experiment's held-out curves as charts: one per headline metric the rows have, x the LRPO round, a
 * line per variant through its mean over runs with a band over its interval. The supervised baseline has round 0
 * only; it is drawn as a level line across the chart, so the trained variants, which start from it at round 0, show
 * their change against it all the way. The line has no band: one more band over the variants' would hide theirs, and
 * its interval is in the table.
 */
final class ClaimsCharts {
    /** The metrics charted, in order: the reward trained for, then fidelity and identity measured outside it. */
    static final List<String> METRICS = List.of(MetricColumns.REWARD, MetricColumns.PSNR, MetricColumns.MS_SSIM,
            MetricColumns.IDENTITY_DEGREES, MetricColumns.LMD);

    private ClaimsCharts() {}

    static List<Chart> of(List<Point> points) {
        // At least one round wide, so a folder holding only the baseline still draws its line.
        int last = Math.max(1, points.stream().mapToInt(Point::round).max().orElse(0));
        List<String> variants = points.stream().map(Point::variant).distinct().toList();
        List<Chart> charts = new ArrayList<>();
        for (String metric : METRICS) {
            List<Series> lines = new ArrayList<>();
            for (String v : variants) {
                List<Point> curve = points.stream().filter(p -> p.variant().equals(v) && p.metric().equals(metric))
                        .toList();
                if (!curve.isEmpty()) {
                    lines.add(v.equals(ClaimsTable.SUPERVISED) ? level(v, curve.get(0), last) : line(v, curve));
                }
            }
            if (!lines.isEmpty()) {
                MetricSpec m = MetricColumns.describe(metric);
                charts.add(new Chart("Held-out " + m.label() + " " + ReportFormat.arrow(m), "LRPO round",
                        ReportFormat.direction(m), lines));
            }
        }
        return charts;
    }

    private static Series line(String name, List<Point> curve) {
        double[] x = curve.stream().mapToDouble(Point::round).toArray();
        return Series.between(name, x, curve.stream().mapToDouble(p -> p.value().mean()).toArray(),
                curve.stream().mapToDouble(p -> p.value().low()).toArray(),
                curve.stream().mapToDouble(p -> p.value().high()).toArray());
    }

    private static Series level(String name, Point p, int last) {
        return new Series(name + " (round " + p.round() + ")", new double[] {p.round(), last},
                new double[] {p.value().mean(), p.value().mean()}, new double[0]);
    }
}

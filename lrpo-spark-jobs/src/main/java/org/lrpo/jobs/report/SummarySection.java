package org.lrpo.jobs.report;

import java.util.List;
import org.lrpo.jobs.report.ReportContent.Interval;
import org.lrpo.jobs.report.ReportContent.MetricSpec;
import org.lrpo.jobs.report.ReportContent.ModelSummary;

/**
 * The page's first answer: one row per model with each metric's mean and interval, the best mean of each
 * column in bold (in tables of at most {@value #COLUMNS_PER_TABLE} metrics), then one interval chart per metric.
 */
final class SummarySection implements ReportSection {
    /** Metric columns per table: more would not fit the page's width, and a scrolled-away column goes unread. */
    static final int COLUMNS_PER_TABLE = 6;

    @Override
    public String id() {
        return "s-summary";
    }

    @Override
    public String title() {
        return "Summary";
    }

    @Override
    public boolean present(ReportContent c) {
        return !c.summaries().isEmpty();
    }

    @Override
    public void write(ReportContent c, HtmlWriter out) {
        out.element("p", "Mean over faces (a model's samples averaged per face first), under it its "
                + ReportFormat.level(c.provenance().confidence()) + " bootstrap interval ("
                + ReportFormat.count(c.provenance().resamples()) + " resamples). \u2191 higher is better, "
                + "\u2193 lower is better; bold: the best mean of each column.", "class", "note");
        List<MetricSpec> all = c.metrics();
        for (int from = 0; from < all.size(); from += COLUMNS_PER_TABLE) {
            table(c, all.subList(from, Math.min(all.size(), from + COLUMNS_PER_TABLE)),
                    from == 0 ? "summary" : "summary-" + (from / COLUMNS_PER_TABLE + 1), out);
        }
        out.open("div", "class", "charts").newline();
        for (int m = 0; m < c.metrics().size(); m++) {
            out.open("figure").raw(IntervalChartSvg.render(c.metrics().get(m), c.summaries(), "ci-" + m))
                    .close("figure").newline();
        }
        out.close("div").newline();
    }

    /** One table of {@code metrics}; the first is {@code id="summary"}, the one tools and tests look for. */
    private static void table(ReportContent c, List<MetricSpec> metrics, String id, HtmlWriter out) {
        out.open("div", "class", "scroll").open("table", "id", id).open("thead").open("tr")
                .element("th", "Model").element("th", "Faces", "class", "num")
                .element("th", "Samples", "class", "num");
        for (MetricSpec m : metrics) {
            out.element("th", m.label() + " " + ReportFormat.arrow(m), "title", ReportFormat.direction(m));
        }
        out.close("tr").close("thead").newline().open("tbody").newline();
        double[] best = metrics.stream().mapToDouble(m -> ReportFormat.best(m, c.summaries().stream()
                .mapToDouble(s -> mean(s, m)).toArray())).toArray();
        for (ModelSummary s : c.summaries()) {
            out.open("tr").element("th", s.model(), "scope", "row")
                    .element("td", ReportFormat.count(s.faces()), "class", "num")
                    .element("td", ReportFormat.count(s.samples()), "class", "num");
            for (int m = 0; m < metrics.size(); m++) {
                cell(metrics.get(m), s.metrics().get(metrics.get(m).key()), best[m], out);
            }
            out.close("tr").newline();
        }
        out.close("tbody").close("table").close("div").newline();
    }

    private static double mean(ModelSummary s, MetricSpec m) {
        Interval v = s.metrics().get(m.key());
        return v == null ? Double.NaN : v.mean();
    }

    private static void cell(MetricSpec m, Interval v, double best, HtmlWriter out) {
        out.open("td");
        if (v == null || Double.isNaN(v.mean())) {
            out.text(ReportFormat.MISSING);
        } else {
            String mean = ReportFormat.value(v.mean(), m.decimals());
            if (v.mean() == best) {
                out.element("strong", mean);
            } else {
                out.text(mean);
            }
            out.text(" ").element("span", ReportFormat.bounds(v, m.decimals()), "class", "ci");
        }
        out.close("td");
    }
}

package org.lrpo.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.lrpo.jobs.local.ClaimsTable;
import org.lrpo.jobs.local.ClaimsTable.Area;
import org.lrpo.jobs.local.ClaimsTable.Comparison;
import org.lrpo.jobs.local.ClaimsTable.Difference;
import org.lrpo.jobs.local.ClaimsTable.VariantRow;
import org.lrpo.jobs.report.ReportContent.Interval;
import org.lrpo.jobs.report.ReportContent.MetricSpec;
import org.lrpo.rewards.stats.BootstrapInterval;

/**
 * The claims experiment's table as HTML: the parts of its {@code table.md}, each cell a mean with its interval under
 * it. The charted metrics come first and a part's columns are split into tables of at most
 * {@value SummarySection#COLUMNS_PER_TABLE}, as in the summary, so what is scrolled away is at most a reward
 * component. A paired difference whose interval excludes 0 is marked: overlapping final-round intervals do not
 * settle a comparison, the paired one does.
 */
final class ClaimsTableHtml {
    private ClaimsTableHtml() {}

    static void write(ClaimsTable.Summary t, HtmlWriter out) {
        List<List<Integer>> columns = columns(t.metrics());
        out.element("h3", "At each variant\u2019s final evaluated round");
        tables("claims-final", t.metrics(), columns, List.of("Variant", "Runs", "Round"), t.variants(),
                (r, o) -> o.element("th", r.variant(), "scope", "row")
                        .element("td", ReportFormat.count(r.runs()), "class", "num")
                        .element("td", String.valueOf(r.round()), "class", "num"),
                (r, m) -> r.values().get(m), false, out);
        for (Comparison c : t.comparisons()) {
            out.element("h3", "Paired differences, variant \u2212 " + c.reference());
            out.element("p", "Final rounds, over the pretrain seeds both have; \u25cf marks an interval that excludes "
                    + "0.", "class", "note");
            tables("claims-minus-" + c.reference(), t.metrics(), columns, List.of("Variant", "Pretrain seeds"),
                    c.differences(), (d, o) -> o.element("th", d.variant(), "scope", "row").element("td",
                            d.pretrainSeeds().isEmpty() ? "none shared" : String.join(", ",
                                    d.pretrainSeeds().stream().map(String::valueOf).toList())),
                    (d, m) -> d.values().isEmpty() ? null : d.values().get(m), true, out);
        }
        if (t.metrics().contains(ClaimsTable.REWARD)) {
            MetricSpec reward = MetricColumns.describe(ClaimsTable.REWARD);
            out.element("h3", "Claim 3: held-out reward averaged over the evaluated rounds after round 0");
            out.open("div", "class", "scroll").open("table", "id", "claims-area", "class", "claims").open("thead")
                    .open("tr").element("th", "Variant").element("th", "Area").element("th", "\u2212 lrpo")
                    .close("tr").close("thead").open("tbody").newline();
            for (Area a : t.areas()) {
                out.open("tr").element("th", a.variant(), "scope", "row");
                cell(a.area(), reward, false, out);
                if (a.againstLrpo()) {
                    cell(a.minusLrpo().orElse(null), reward, true, out);
                } else {
                    out.element("td", "");
                }
                out.close("tr").newline();
            }
            out.close("tbody").close("table").close("div").newline();
        }
    }

    /**
     * Metric indices, charted ones first, reward components last, in groups of at most the summary's columns per
     * table.
     */
    private static List<List<Integer>> columns(List<String> metrics) {
        List<Integer> order = new ArrayList<>();
        ClaimsCharts.METRICS.stream().filter(metrics::contains).forEach(m -> order.add(metrics.indexOf(m)));
        for (boolean components : new boolean[] {false, true}) {
            for (int m = 0; m < metrics.size(); m++) {
                if (!order.contains(m) && metrics.get(m).startsWith(MetricColumns.COMPONENT) == components) {
                    order.add(m);
                }
            }
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (int from = 0; from < order.size(); from += SummarySection.COLUMNS_PER_TABLE) {
            groups.add(order.subList(from, Math.min(order.size(), from + SummarySection.COLUMNS_PER_TABLE)));
        }
        return groups;
    }

    /** One table per column group: {@code id}, then {@code id-2}, ...; each row led by {@code lead}. */
    private static <R> void tables(String id, List<String> metrics, List<List<Integer>> columns, List<String> leading,
                                   List<R> rows, BiConsumer<R, HtmlWriter> lead,
                                   BiFunction<R, Integer, BootstrapInterval> value, boolean mark, HtmlWriter out) {
        for (int g = 0; g < columns.size(); g++) {
            out.open("div", "class", "scroll").open("table", "id", g == 0 ? id : id + "-" + (g + 1), "class", "claims")
                    .open("thead").open("tr");
            leading.forEach(h -> out.element("th", h));
            for (int m : columns.get(g)) {
                MetricSpec spec = MetricColumns.describe(metrics.get(m));
                out.element("th", spec.label() + " " + ReportFormat.arrow(spec), "title", ReportFormat.direction(spec));
            }
            out.close("tr").close("thead").newline().open("tbody").newline();
            for (R r : rows) {
                out.open("tr");
                lead.accept(r, out);
                for (int m : columns.get(g)) {
                    cell(value.apply(r, m), MetricColumns.describe(metrics.get(m)), mark, out);
                }
                out.close("tr").newline();
            }
            out.close("tbody").close("table").close("div").newline();
        }
    }

    /** {@code mean [low, high]}; a dash for no interval; with {@code mark}, a dot when it excludes 0. */
    private static void cell(BootstrapInterval b, MetricSpec m, boolean mark, HtmlWriter out) {
        out.open("td");
        if (b == null || Double.isNaN(b.mean())) {
            out.text(ReportFormat.MISSING);
        } else {
            Interval v = new Interval(b.mean(), b.low(), b.high(), b.n());
            if (mark && b.excludes(0)) {
                out.element("span", "\u25cf ", "class", "sig");
            }
            out.text(ReportFormat.value(v.mean(), m.decimals())).text(" ")
                    .element("span", ReportFormat.bounds(v, m.decimals()), "class", "ci");
        }
        out.close("td");
    }
}

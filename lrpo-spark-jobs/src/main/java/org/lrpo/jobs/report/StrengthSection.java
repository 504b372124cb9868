package org.lrpo.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lrpo.jobs.report.ReportContent.MetricSpec;
import org.lrpo.jobs.report.ReportContent.StrengthRow;

/** The means per degradation-strength bin and model: where a model's lead grows or vanishes. */
final class StrengthSection implements ReportSection {
    @Override
    public String id() {
        return "s-strength";
    }

    @Override
    public String title() {
        return "By degradation strength";
    }

    @Override
    public boolean present(ReportContent c) {
        return !c.byStrength().isEmpty();
    }

    @Override
    public void write(ReportContent c, HtmlWriter out) {
        out.element("p", "Means over the faces of each strength bin; the best of each bin and column is bold.",
                "class", "note");
        List<MetricSpec> metrics = c.metrics();
        out.open("div", "class", "scroll").open("table", "id", "by-strength").open("thead").open("tr")
                .element("th", "Strength").element("th", "Model").element("th", "Faces", "class", "num");
        for (MetricSpec m : metrics) {
            out.element("th", m.label() + " " + ReportFormat.arrow(m), "class", "num",
                    "title", ReportFormat.direction(m));
        }
        out.close("tr").close("thead").newline().open("tbody").newline();
        for (Map.Entry<String, List<StrengthRow>> bin : byBin(c.byStrength()).entrySet()) {
            List<StrengthRow> rows = bin.getValue();
            for (int r = 0; r < rows.size(); r++) {
                StrengthRow row = rows.get(r);
                out.open("tr", "class", r == 0 ? "group" : null);
                // The bin once per group, like a table in a paper; every row keeps all its cells.
                if (r == 0) {
                    out.element("th", bin.getKey(), "scope", "row");
                } else {
                    out.element("td", "");
                }
                out.element("td", row.model()).element("td", ReportFormat.count(row.faces()), "class", "num");
                for (MetricSpec m : metrics) {
                    double best = ReportFormat.best(m, rows.stream()
                            .mapToDouble(x -> x.means().getOrDefault(m.key(), Double.NaN)).toArray());
                    double v = row.means().getOrDefault(m.key(), Double.NaN);
                    String text = ReportFormat.value(v, m.decimals());
                    out.open("td", "class", "num");
                    if (!Double.isNaN(v) && v == best) {
                        out.element("strong", text);
                    } else {
                        out.text(text);
                    }
                    out.close("td");
                }
                out.close("tr").newline();
            }
        }
        out.close("tbody").close("table").close("div").newline();
    }

    /** Rows grouped by bin, bins in the order they first appear (the producer orders them mild to severe). */
    private static Map<String, List<StrengthRow>> byBin(List<StrengthRow> rows) {
        Map<String, List<StrengthRow>> bins = new LinkedHashMap<>();
        for (StrengthRow r : rows) {
            bins.computeIfAbsent(r.bin(), b -> new ArrayList<>()).add(r);
        }
        return bins;
    }
}

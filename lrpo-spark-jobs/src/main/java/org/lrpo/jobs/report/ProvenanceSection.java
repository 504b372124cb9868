package org.lrpo.jobs.report;

import org.lrpo.jobs.report.ReportContent.ModelSummary;
import org.lrpo.jobs.report.ReportContent.Provenance;

/** What produced the numbers, so they can be reproduced: command, models' weights, intervals, configuration. */
final class ProvenanceSection implements ReportSection {
    @Override
    public String id() {
        return "s-provenance";
    }

    @Override
    public String title() {
        return "Provenance";
    }

    @Override
    public boolean present(ReportContent c) {
        return true;
    }

    @Override
    public void write(ReportContent c, HtmlWriter out) {
        Provenance p = c.provenance();
        out.open("dl", "class", "prov").newline();
        entry("Created", p.created(), false, out);
        entry("Command", p.command(), true, out);
        entry("Dataset", p.dataset(), true, out);
        entry("Degradation", p.degradation(), false, out);
        entry("Intervals", ReportFormat.confidence(p.confidence(), p.resamples()), false, out);
        out.close("dl").newline();
        if (!c.summaries().isEmpty()) {
            out.element("h3", "Models");
            out.open("div", "class", "scroll").open("table", "id", "models").open("thead").open("tr")
                    .element("th", "Model").element("th", "Weights").element("th", "SHA-256")
                    .close("tr").close("thead").open("tbody").newline();
            for (ModelSummary s : c.summaries()) {
                out.open("tr").element("td", s.model());
                code(s.source(), "", out);
                code(s.fingerprint(), "fp", out);
                out.close("tr").newline();
            }
            out.close("tbody").close("table").close("div").newline();
        }
        if (p.config() != null && !p.config().isBlank()) {
            out.element("h3", "Configuration").element("pre", p.config().strip(), "class", "config").newline();
        }
    }

    private static void entry(String term, String value, boolean code, HtmlWriter out) {
        if (value == null || value.isBlank()) {
            return;
        }
        out.element("dt", term).open("dd");
        if (code) {
            out.element("code", value);
        } else {
            out.text(value);
        }
        out.close("dd").newline();
    }

    private static void code(String value, String cssClass, HtmlWriter out) {
        if (value == null || value.isBlank()) {
            out.element("td", ReportFormat.MISSING);
        } else {
            out.open("td").element("code", value, "class", cssClass.isEmpty() ? null : cssClass).close("td");
        }
    }
}

package org.lrpo.jobs.report;

import java.util.Optional;
import org.lrpo.jobs.report.ReportContent.Interval;
import org.lrpo.jobs.report.ReportContent.MetricSpec;
import org.lrpo.jobs.report.ReportContent.PairedDifference;

/**
 * Model A minus model B on the faces both scored. Overlapping summary intervals do not settle a comparison;
 * the paired interval does, so a row whose interval excludes 0 is marked with the model it favours.
 */
final class PairedSection implements ReportSection {
    private static final int DEFAULT_DECIMALS = 3;

    @Override
    public String id() {
        return "s-paired";
    }

    @Override
    public String title() {
        return "Paired differences";
    }

    @Override
    public boolean present(ReportContent c) {
        return !c.paired().isEmpty();
    }

    @Override
    public void write(ReportContent c, HtmlWriter out) {
        out.element("p", "Mean of A \u2212 B over the faces both models scored, in brackets its "
                + ReportFormat.level(c.provenance().confidence()) + " bootstrap interval. \u25cf marks an "
                + "interval that excludes 0, with the model it favours.", "class", "note");
        out.open("div", "class", "scroll").open("table", "id", "paired").open("thead").open("tr")
                .element("th", "A \u2212 B").element("th", "Metric").element("th", "Difference")
                .element("th", "Faces", "class", "num").element("th", "Excludes 0").close("tr").close("thead")
                .newline().open("tbody").newline();
        String previous = null;
        for (PairedDifference d : c.paired()) {
            String pair = d.modelA() + " \u2212 " + d.modelB();
            Optional<MetricSpec> m = ReportFormat.metric(c.metrics(), d.metric());
            int decimals = m.map(MetricSpec::decimals).orElse(DEFAULT_DECIMALS);
            Interval v = d.difference();
            // A rule between comparisons; the pair's name is shown once per group.
            boolean first = !pair.equals(previous);
            out.open("tr", "class", first && previous != null ? "group" : null)
                    .element("td", first ? pair : "")
                    .element("td", m.map(s -> s.label() + " " + ReportFormat.arrow(s)).orElse(d.metric()))
                    .element("td", ReportFormat.interval(v, decimals))
                    .element("td", ReportFormat.count(v.n()), "class", "num");
            out.open("td");
            favoured(d, m).ifPresent(name -> out.element("span", "\u25cf " + name, "class", "sig"));
            out.close("td").close("tr").newline();
            previous = pair;
        }
        out.close("tbody").close("table").close("div").newline();
    }

    /** The model an interval excluding 0 favours ("A > B" when the metric's direction is unknown). */
    static Optional<String> favoured(PairedDifference d, Optional<MetricSpec> m) {
        Interval v = d.difference();
        boolean above = v.low() > 0;
        boolean below = v.high() < 0;
        if (!above && !below) {
            return Optional.empty();
        }
        if (m.isEmpty()) {
            return Optional.of(above ? "A > B" : "A < B");
        }
        boolean aBetter = above == m.get().higherIsBetter();
        return Optional.of((aBetter ? d.modelA() : d.modelB()) + " better");
    }
}

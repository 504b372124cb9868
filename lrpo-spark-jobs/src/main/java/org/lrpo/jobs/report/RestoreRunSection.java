package org.lrpo.jobs.report;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.lrpo.jobs.report.ReportContent.Interval;
import org.lrpo.jobs.report.ReportContent.RestoreRunSummary;

/**
 * What a {@code restore} output says without ground truth: how every input ended, why some were quarantined,
 * the per-face no-reference metrics, faces per photo and where the time went. Counts are listed most common
 * first; per-face metrics and phases in the order the content gives them.
 */
final class RestoreRunSection implements ReportSection {
    private static final int DECIMALS = 3;

    @Override
    public String id() {
        return "s-restore";
    }

    @Override
    public String title() {
        return "Restore run";
    }

    @Override
    public boolean present(ReportContent c) {
        return c.restoreRun().isPresent();
    }

    @Override
    public void write(ReportContent c, HtmlWriter out) {
        RestoreRunSummary r = c.restoreRun().orElseThrow();
        out.open("p", "class", "note").text("Output ").element("code", r.output()).text(" \u00b7 ")
                .element("strong", ReportFormat.value(r.photosPerSecond(), 2)).text(" photos/s of task time")
                .close("p").newline();
        out.open("div", "class", "cards").newline();
        counts("Inputs by status", "Status", r.statusCounts(), out);
        counts("Quarantined, by reason", "Reason", r.quarantineReasons(), out);
        if (!r.faceStats().isEmpty()) {
            out.open("table", "id", "restore-faces").element("caption", "Per face").open("thead").open("tr")
                    .element("th", "Metric").element("th", "Mean [interval]").element("th", "Faces", "class", "num")
                    .close("tr").close("thead").open("tbody");
            for (Map.Entry<String, Interval> e : r.faceStats().entrySet()) {
                out.open("tr").element("td", e.getKey())
                        .element("td", ReportFormat.interval(e.getValue(), DECIMALS))
                        .element("td", ReportFormat.count(e.getValue().n()), "class", "num").close("tr");
            }
            out.close("tbody").close("table").newline();
        }
        if (!r.facesPerPhoto().isEmpty()) {
            out.open("table").element("caption", "Faces per photo").open("thead").open("tr")
                    .element("th", "Faces", "class", "num").element("th", "Photos", "class", "num")
                    .close("tr").close("thead").open("tbody");
            for (Map.Entry<Integer, Long> e : new TreeMap<>(r.facesPerPhoto()).entrySet()) {
                out.open("tr").element("td", String.valueOf(e.getKey()), "class", "num")
                        .element("td", ReportFormat.count(e.getValue()), "class", "num").close("tr");
            }
            out.close("tbody").close("table").newline();
        }
        if (!r.secondsPerPhase().isEmpty()) {
            out.open("table").element("caption", "Seconds per photo").open("thead").open("tr")
                    .element("th", "Phase").element("th", "s", "class", "num").close("tr").close("thead")
                    .open("tbody");
            double total = 0;
            for (Map.Entry<String, Double> e : r.secondsPerPhase().entrySet()) {
                out.open("tr").element("td", e.getKey())
                        .element("td", ReportFormat.value(e.getValue(), DECIMALS), "class", "num").close("tr");
                total += e.getValue();
            }
            out.open("tr", "class", "total").element("td", "total")
                    .element("td", ReportFormat.value(total, DECIMALS), "class", "num").close("tr");
            out.close("tbody").close("table").newline();
        }
        out.close("div").newline();
    }

    private static void counts(String caption, String key, Map<String, Long> counts, HtmlWriter out) {
        if (counts.isEmpty()) {
            return;
        }
        out.open("table").element("caption", caption).open("thead").open("tr").element("th", key)
                .element("th", "Inputs", "class", "num").close("tr").close("thead").open("tbody");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.open("tr").element("td", e.getKey())
                        .element("td", ReportFormat.count(e.getValue()), "class", "num").close("tr"));
        out.close("tbody").close("table").newline();
    }
}

package org.lrpo.jobs.report;

import java.util.List;
import org.lrpo.jobs.local.ClaimsTable;
import org.lrpo.jobs.report.ReportContent.Chart;
import org.lrpo.jobs.report.ReportContent.Claims;

/**
 * The claims experiment of a {@code --claims} folder: its held-out curves (one chart per headline metric, a line
 * per variant), then its table, the numbers of {@code table.md} (final rounds, paired differences, claim 3).
 */
final class ClaimsSection implements ReportSection {
    @Override
    public String id() {
        return "s-claims";
    }

    @Override
    public String title() {
        return "Claims experiment";
    }

    @Override
    public boolean present(ReportContent c) {
        return c.claims().isPresent();
    }

    @Override
    public void write(ReportContent c, HtmlWriter out) {
        Claims claims = c.claims().orElseThrow();
        ClaimsTable.Summary table = claims.table();
        out.open("p", "class", "note").text("Folder ").element("code", claims.folder()).text(" \u00b7 "
                + ReportFormat.count(table.faces()) + " held-out faces \u00b7 a run is a (pretrain seed, LRPO seed). "
                + "Each point is the mean over a variant's runs at that round, its band the "
                + ReportFormat.level(table.confidence()) + " bootstrap interval over (run, face) ("
                + ReportFormat.count(c.provenance().resamples()) + " resamples), as in the table below. A trained "
                + "variant starts at round 0 from the supervised checkpoint of its pretrain seeds, drawn as a level "
                + "line.").close("p").newline();
        List<Chart> charts = ClaimsCharts.of(claims.curves());
        out.open("div", "class", "charts wide").newline();
        for (int k = 0; k < charts.size(); k++) {
            out.open("figure").raw(ChartSvg.render(charts.get(k), "claims-chart" + k)).close("figure").newline();
        }
        out.close("div").newline();
        ClaimsTableHtml.write(table, out);
    }
}

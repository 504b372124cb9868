package org.lrpo.jobs.report;

import org.lrpo.jobs.report.ReportContent.TrainingCurves;

/** The curves of each training run given, one chart per table of its {@code metrics.jsonl}. */
final class TrainingSection implements ReportSection {
    @Override
    public String id() {
        return "s-training";
    }

    @Override
    public String title() {
        return "Training curves";
    }

    @Override
    public boolean present(ReportContent c) {
        return c.runs().stream().anyMatch(r -> !r.charts().isEmpty());
    }

    @Override
    public void write(ReportContent c, HtmlWriter out) {
        for (int r = 0; r < c.runs().size(); r++) {
            TrainingCurves run = c.runs().get(r);
            if (run.charts().isEmpty()) {
                continue;
            }
            out.element("h3", run.run()).open("div", "class", "charts wide").newline();
            for (int k = 0; k < run.charts().size(); k++) {
                // Ids from positions: run names may hold anything, ids may not.
                out.open("figure").raw(ChartSvg.render(run.charts().get(k), "run" + r + "-chart" + k))
                        .close("figure").newline();
            }
            out.close("div").newline();
        }
    }
}

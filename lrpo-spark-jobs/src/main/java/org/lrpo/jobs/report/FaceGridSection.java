package org.lrpo.jobs.report;

import java.util.List;
import java.util.Optional;
import org.lrpo.jobs.report.ReportContent.FaceGrid;
import org.lrpo.jobs.report.ReportContent.GridCell;
import org.lrpo.jobs.report.ReportContent.MetricSpec;

/**
 * Per model its best, worst and random faces by one metric, each as degraded input, output and ground truth
 * side by side with the face id and the value under it: the numbers above, seen.
 */
final class FaceGridSection implements ReportSection {
    private static final int DEFAULT_DECIMALS = 3;

    @Override
    public String id() {
        return "s-faces";
    }

    @Override
    public String title() {
        return "Faces";
    }

    @Override
    public boolean present(ReportContent c) {
        return c.grids().stream().anyMatch(FaceGridSection::hasCells);
    }

    private static boolean hasCells(FaceGrid g) {
        return !(g.best().isEmpty() && g.worst().isEmpty() && g.random().isEmpty());
    }

    @Override
    public void write(ReportContent c, HtmlWriter out) {
        out.element("p", "Each face: degraded input | model output | ground truth, with the face id and the "
                + "metric's value for the output. Random faces are drawn with a fixed seed.", "class", "note");
        for (FaceGrid g : c.grids()) {
            if (!hasCells(g)) {
                continue;
            }
            Optional<MetricSpec> m = ReportFormat.metric(c.metrics(), g.metric());
            String metric = m.map(s -> s.label() + " " + ReportFormat.arrow(s)).orElse(g.metric());
            int decimals = m.map(MetricSpec::decimals).orElse(DEFAULT_DECIMALS);
            out.open("div", "class", "grid").open("h3").text(g.model() + " ")
                    .element("span", "by " + metric, "class", "muted").close("h3").newline();
            row("Best", g.best(), decimals, out);
            row("Worst", g.worst(), decimals, out);
            row("Random", g.random(), decimals, out);
            out.close("div").newline();
        }
    }

    private static void row(String label, List<GridCell> cells, int decimals, HtmlWriter out) {
        if (cells.isEmpty()) {
            return;
        }
        out.open("div", "class", "face-row").element("div", label, "class", "row-label")
                .open("div", "class", "cells").newline();
        for (GridCell cell : cells) {
            out.open("figure", "class", "face").open("div", "class", "trip");
            Thumbnail.write(cell.lqPng(), "input " + cell.faceId(), out);
            Thumbnail.write(cell.outputPng(), "output " + cell.faceId(), out);
            Thumbnail.write(cell.truthPng(), "ground truth " + cell.faceId(), out);
            out.close("div").open("figcaption").element("span", cell.faceId(), "class", "id", "title", cell.faceId())
                    .element("span", ReportFormat.value(cell.value(), decimals), "class", "v")
                    .close("figcaption").close("figure").newline();
        }
        out.close("div").close("div").newline();
    }
}

package org.lrpo.jobs.report;

import java.util.Base64;
import org.lrpo.jobs.report.ReportContent.SideBySide;

/**
 * The first faces as every model restored them, in one picture: the quickest way to see what the numbers above
 * mean, before the per-model grids.
 */
final class SideBySideSection implements ReportSection {
    @Override
    public String id() {
        return "s-side-by-side";
    }

    @Override
    public String title() {
        return "Side by side";
    }

    @Override
    public boolean present(ReportContent c) {
        return c.sideBySide().isPresent();
    }

    @Override
    public void write(ReportContent c, HtmlWriter out) {
        SideBySide s = c.sideBySide().orElseThrow();
        out.element("p", "The first " + s.faces() + " faces by id, one per row; columns: "
                + String.join(" | ", s.columns()) + " (first restoration of each).", "class", "note");
        int[] size = Thumbnail.pngSize(s.png());
        String src = "data:image/png;base64," + Base64.getEncoder().encodeToString(s.png());
        out.open("figure", "class", "side-by-side");
        if (size == null) {
            out.open("img", "src", src, "alt", "side by side: " + String.join(", ", s.columns()));
        } else {
            out.open("img", "src", src, "alt", "side by side: " + String.join(", ", s.columns()), "width",
                    String.valueOf(size[0]), "height", String.valueOf(size[1]), "class", "px");
        }
        out.close("figure").newline();
    }
}

package org.lrpo.jobs.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.lrpo.jobs.report.ReportContent.Provenance;

/**
 * Renders {@code report.html}: one self-contained HTML5 document that loads nothing (style sheet inline, charts
 * as inline SVG, faces as {@code data:} URIs) and needs no script, so it can be mailed, archived or opened from
 * an object store as it is. Read top to bottom: title and provenance line, summary table and interval charts,
 * the first faces side by side, paired differences, by strength, faces, training curves, claims experiment, restore
 * run, full provenance. Sections without content are left out. Every string from the content is escaped.
 */
public final class ReportHtml {
    private static final List<ReportSection> SECTIONS = List.of(new SummarySection(), new SideBySideSection(), new PairedSection(),
            new StrengthSection(), new FaceGridSection(), new TrainingSection(), new ClaimsSection(),
            new RestoreRunSection(), new ProvenanceSection());
    private static final String STYLE = styleSheet();

    private ReportHtml() {}

    public static String render(ReportContent c) {
        List<ReportSection> shown = new ArrayList<>();
        for (ReportSection s : SECTIONS) {
            if (s.present(c)) {
                shown.add(s);
            }
        }
        HtmlWriter out = new HtmlWriter();
        out.raw("<!DOCTYPE html>\n").open("html", "lang", "en").newline().open("head").newline()
                .raw("<meta charset=\"utf-8\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .element("title", c.title()).newline()
                .open("style").raw(STYLE).close("style").newline()
                .close("head").newline().open("body").open("main").newline();
        out.open("header").element("h1", c.title()).element("p", provenanceLine(c.provenance()), "class", "meta");
        out.open("nav", "aria-label", "Sections");
        for (ReportSection s : shown) {
            out.element("a", s.title(), "href", "#" + s.id());
        }
        out.close("nav").close("header").newline();
        for (ReportSection s : shown) {
            out.open("section", "id", s.id()).element("h2", s.title()).newline();
            s.write(c, out);
            out.close("section").newline();
        }
        return out.close("main").close("body").close("html").newline().toString();
    }

    /** "Created …, dataset …, degradation …", leaving out what is empty. */
    private static String provenanceLine(Provenance p) {
        List<String> parts = new ArrayList<>();
        add(parts, "created ", p.created());
        add(parts, "dataset ", p.dataset());
        add(parts, "degradation ", p.degradation());
        String line = String.join(" \u00b7 ", parts);
        return line.isEmpty() ? "" : Character.toUpperCase(line.charAt(0)) + line.substring(1);
    }

    private static void add(List<String> parts, String prefix, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(prefix + value.strip());
        }
    }

    private static String styleSheet() {
        try (InputStream in = ReportHtml.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css missing beside " + ReportHtml.class.getName());
            }
            return "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

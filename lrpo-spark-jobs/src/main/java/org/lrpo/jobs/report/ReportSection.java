package org.lrpo.jobs.report;

/** One part of {@code report.html}: a heading and its body, left out when the content has nothing for it. */
interface ReportSection {
    /** The section element's id, for the page's table of contents. */
    String id();

    String title();

    boolean present(ReportContent c);

    /** The body under the heading. */
    void write(ReportContent c, HtmlWriter out);
}

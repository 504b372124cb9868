package org.lrpo.jobs.report;

import java.util.List;
import java.util.Locale;
import org.lrpo.jobs.report.ReportContent.MetricSpec;
import org.lrpo.jobs.report.ReportContent.ModelSummary;

/** The summary table as Markdown, for the console and for notes: each model's means with their intervals. */
final class SummaryMarkdown {
    private SummaryMarkdown() {}

    static String of(List<MetricSpec> metrics, List<ModelSummary> rows, double confidence) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "mean [%.0f %% bootstrap interval over faces]%n%n", 100 * confidence));
        sb.append("| model | faces | samples |");
        metrics.forEach(m -> sb.append(' ').append(m.label()).append(' ').append(ReportFormat.arrow(m)).append(" |"));
        sb.append("\n|---|---|---|");
        metrics.forEach(m -> sb.append("---|"));
        sb.append('\n');
        for (ModelSummary r : rows) {
            sb.append("| ").append(r.model()).append(" | ").append(r.faces()).append(" | ").append(r.samples())
                    .append(" |");
            for (MetricSpec m : metrics) {
                sb.append(' ').append(ReportFormat.interval(r.metrics().get(m.key()), m.decimals())).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}

package org.lrpo.jobs.cli;

import picocli.CommandLine.Command;

@Command(name = "report", description = "Metric reports per image, dataset and checkpoint: tables and a readable report with plots.")
public final class ReportCommand extends JobCommand {

    @Override
    protected String name() {
        return "report";
    }

    @Override
    protected int run(JobContext context) {
        throw new JobNotImplementedException(name(), "the metric-report issue");
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.ReportCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new ReportCommand(), args));
    }
}

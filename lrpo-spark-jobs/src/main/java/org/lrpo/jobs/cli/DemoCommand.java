package org.lrpo.jobs.cli;

import picocli.CommandLine.Command;

@Command(name = "demo", description = "The embedded default: generate faces, pre-train, run LRPO, write checkpoints, metrics and a before/after grid.")
public final class DemoCommand extends JobCommand {

    @Override
    protected String name() {
        return "demo";
    }

    @Override
    protected int run(JobContext context) {
        throw new JobNotImplementedException(name(), "issue #6");
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.DemoCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new DemoCommand(), args));
    }
}

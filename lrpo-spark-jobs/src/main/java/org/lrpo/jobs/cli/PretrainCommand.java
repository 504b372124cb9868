package org.lrpo.jobs.cli;

import picocli.CommandLine.Command;

@Command(name = "pretrain", description = "Supervised pre-training of the conditional denoiser (METHOD 7), data-parallel on Spark.")
public final class PretrainCommand extends JobCommand {

    @Override
    protected String name() {
        return "pretrain";
    }

    @Override
    protected int run(JobContext context) {
        throw new JobNotImplementedException(name(), "issue #6");
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.PretrainCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new PretrainCommand(), args));
    }
}

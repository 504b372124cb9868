package org.lrpo.jobs.cli;

import picocli.CommandLine.Command;

@Command(name = "train", description = "LRPO rounds: distributed rollouts, rewards, noise-level advantages, clipped policy-gradient updates.")
public final class TrainCommand extends JobCommand {

    @Override
    protected String name() {
        return "train";
    }

    @Override
    protected int run(JobContext context) {
        throw new JobNotImplementedException(name(), "issue #6");
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.TrainCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new TrainCommand(), args));
    }
}

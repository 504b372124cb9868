package org.lrpo.jobs.cli;

import picocli.CommandLine.Command;

@Command(name = "restore", description = "Restore a folder or Parquet table of face images at scale, recording a status per input.")
public final class RestoreCommand extends JobCommand {

    @Override
    protected String name() {
        return "restore";
    }

    @Override
    protected int run(JobContext context) {
        throw new JobNotImplementedException(name(), "the batch-restoration issue");
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.RestoreCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new RestoreCommand(), args));
    }
}

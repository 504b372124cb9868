package org.lrpo.jobs.cli;

import picocli.CommandLine.Command;

@Command(name = "ingest", description = "Import face images (folders, globs, Parquet on any Hadoop file system, or the face generator) into a Parquet face dataset.")
public final class IngestCommand extends JobCommand {

    @Override
    protected String name() {
        return "ingest";
    }

    @Override
    protected int run(JobContext context) {
        throw new JobNotImplementedException(name(), "issue #6");
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.IngestCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new IngestCommand(), args));
    }
}

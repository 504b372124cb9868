package org.lrpo.jobs.cli;

/** The job's command line and configuration exist, but its work is not in this build yet. */
public final class JobNotImplementedException extends RuntimeException {
    public JobNotImplementedException(String job, String issue) {
        super("lrpo " + job + " is not implemented in this build yet (tracked in " + issue
                + "); its options and configuration are validated already");
    }
}

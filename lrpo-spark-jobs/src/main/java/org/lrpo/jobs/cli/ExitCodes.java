package org.lrpo.jobs.cli;

/** Process exit codes of every job; README and each --help list them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int BAD_ARGUMENTS_OR_CONFIG = 2;

    private ExitCodes() {}
}

package org.lrpo.jobs.cli;

/**
 * A job's input or output location is unusable (missing, empty, of the wrong kind or schema). Thrown before
 * any Spark work; the CLI prints the message alone and exits with {@link ExitCodes#BAD_ARGUMENTS_OR_CONFIG}.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

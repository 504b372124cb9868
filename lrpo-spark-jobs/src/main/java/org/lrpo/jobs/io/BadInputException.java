package org.lrpo.jobs.io;

/**
 * A job's input or output location is unusable (missing, empty, of the wrong kind or schema), or an argument
 * is out of range. Thrown before any Spark work; the command line ({@code LrpoCli}) prints
 * the message alone and exits with code 2, bad arguments or configuration.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

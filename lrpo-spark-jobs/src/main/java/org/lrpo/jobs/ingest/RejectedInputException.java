package org.lrpo.jobs.ingest;

import java.util.Objects;

/** One input file is not a usable face; recorded in the rejects table, never fatal to the job. */
public final class RejectedInputException extends Exception {
    private final RejectReason reason;

    public RejectedInputException(RejectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public RejectedInputException(RejectReason reason, String message) {
        this(reason, message, null);
    }

    public RejectReason reason() {
        return reason;
    }
}

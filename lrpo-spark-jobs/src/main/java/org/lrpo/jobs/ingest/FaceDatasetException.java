package org.lrpo.jobs.ingest;

import org.lrpo.jobs.io.BadInputException;

/** A path that should hold a face dataset does not (missing, incomplete, or a column is absent or mistyped). */
public final class FaceDatasetException extends BadInputException {
    public FaceDatasetException(String message) {
        super(message);
    }

    public FaceDatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}

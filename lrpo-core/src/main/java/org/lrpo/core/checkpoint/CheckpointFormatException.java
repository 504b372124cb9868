package org.lrpo.core.checkpoint;

import java.io.IOException;

/**
 * A checkpoint file is malformed: truncated, wrong length, bad header, checksum mismatch. The message
 * names the file and what is wrong with it.
 */
public class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public CheckpointFormatException(String message) {
        super(message);
    }

    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

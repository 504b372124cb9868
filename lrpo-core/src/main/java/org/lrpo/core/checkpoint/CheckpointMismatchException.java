package org.lrpo.core.checkpoint;

import java.io.IOException;

/**
 * A well-formed checkpoint does not fit what is loading it: another schema version, or tensors whose
 * names, shapes or dtypes differ from the model's. The message lists each mismatch, e.g.
 * {@code tensor down.0.conv.weight: checkpoint shape [32,3,3,3], model expects [64,3,3,3]}.
 */
public class CheckpointMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    public CheckpointMismatchException(String message) {
        super(message);
    }
}

package org.lrpo.rewards.model;

/**
 * A scoring network that cannot be used as configured: its file is missing or unreadable by the engine,
 * or its output does not hold one score per image. The message names the file and what was found.
 */
public final class ModelScorerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelScorerException(String message) {
        super(message);
    }

    public ModelScorerException(String message, Throwable cause) {
        super(message, cause);
    }
}

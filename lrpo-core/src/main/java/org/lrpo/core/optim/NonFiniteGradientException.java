package org.lrpo.core.optim;

/** A gradient holds NaN or an infinity; the message names the element (tensor and index when known). */
public final class NonFiniteGradientException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int flatIndex;

    public NonFiniteGradientException(int flatIndex, float value, String where) {
        super("gradient of " + where + " is " + value + " (flat index " + flatIndex + ")");
        this.flatIndex = flatIndex;
    }

    public int flatIndex() {
        return flatIndex;
    }
}

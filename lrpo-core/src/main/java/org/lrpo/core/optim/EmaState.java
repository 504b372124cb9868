package org.lrpo.core.optim;

import java.util.Objects;

/** What {@link Ema} needs to resume: its decay, how many updates it has folded in, and the averaged weights. */
public record EmaState(double decay, long updates, float[] shadow) {
    public EmaState {
        Objects.requireNonNull(shadow, "shadow");
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1), got " + decay);
        }
        if (updates < 0) {
            throw new IllegalArgumentException("EMA update count must be >= 0, got " + updates);
        }
    }
}

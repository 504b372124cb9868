package org.lrpo.core.optim;

import java.util.Objects;

/**
 * What {@link AdamW} needs to resume exactly: its hyper-parameters, the number of steps taken and
 * the first and second moments {@code m}, {@code v} (flat, in the parameters' layout).
 */
public record AdamWState(AdamW.Config config, long step, float[] m, float[] v) {
    public AdamWState {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(m, "m");
        Objects.requireNonNull(v, "v");
        if (m.length != v.length) {
            throw new IllegalArgumentException("m has " + m.length + " values but v has " + v.length);
        }
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
    }
}

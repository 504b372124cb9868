package org.lrpo.core.checkpoint;

import java.util.Objects;
import org.lrpo.core.optim.EmaState;
import org.lrpo.core.optim.ParameterLayout;

/** The EMA weights' state and the layout of the parameters they average. */
public record EmaSnapshot(ParameterLayout layout, EmaState state) {
    public EmaSnapshot {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(state, "state");
        if (state.shadow().length != layout.totalSize()) {
            throw new IllegalArgumentException("EMA state has " + state.shadow().length
                    + " values, its layout has " + layout.totalSize());
        }
    }
}

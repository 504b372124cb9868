package org.lrpo.core.checkpoint;

import java.util.Objects;
import org.lrpo.core.optim.AdamWState;
import org.lrpo.core.optim.ParameterLayout;

/** AdamW's state and the layout of the trainable parameters its flat moments follow. */
public record OptimizerSnapshot(ParameterLayout layout, AdamWState state) {
    public OptimizerSnapshot {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(state, "state");
        if (state.m().length != layout.totalSize()) {
            throw new IllegalArgumentException("optimiser state has " + state.m().length
                    + " values, its layout has " + layout.totalSize());
        }
    }
}

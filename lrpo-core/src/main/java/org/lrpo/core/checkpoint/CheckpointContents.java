package org.lrpo.core.checkpoint;

import java.util.Objects;
import java.util.Optional;
import org.lrpo.core.optim.ParameterSet;

/**
 * Everything a checkpoint holds, as written and as loaded.
 *
 * @param step optimiser steps taken so far (the checkpoint's name, {@code step-%012d})
 * @param rng the random-stream coordinates to resume from
 * @param config the run's configuration (HOCON or JSON text), stored verbatim
 * @param weights the policy's weights (all of them, frozen ones included, so the file stands alone)
 * @param optimizer AdamW's state over the trainable parameters, if any
 * @param ema EMA weights over the trainable parameters, if kept
 */
public record CheckpointContents(long step, RngCoordinates rng, String config, ParameterSet weights,
        Optional<OptimizerSnapshot> optimizer, Optional<EmaSnapshot> ema) {
    public CheckpointContents {
        Objects.requireNonNull(rng, "rng");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(ema, "ema");
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
    }
}

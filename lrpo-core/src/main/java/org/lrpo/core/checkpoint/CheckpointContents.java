package org.lrpo.core.checkpoint;

import java.util.Map;
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
 * @param links what the weights were trained against, e.g. {@code "stage1"} -> the restoration module's
 *     {@link WeightsFingerprint} for a diffusion policy
 */
public record CheckpointContents(long step, RngCoordinates rng, String config, ParameterSet weights,
        Optional<OptimizerSnapshot> optimizer, Optional<EmaSnapshot> ema, Map<String, String> links) {

    /** The key of {@link #links} naming the stage-1 restoration module a diffusion policy was conditioned on. */
    public static final String STAGE1 = "stage1";

    /** A checkpoint that links to nothing (a stage-1 checkpoint, or a test's). */
    public CheckpointContents(long step, RngCoordinates rng, String config, ParameterSet weights,
                              Optional<OptimizerSnapshot> optimizer, Optional<EmaSnapshot> ema) {
        this(step, rng, config, weights, optimizer, ema, Map.of());
    }

    /** The same contents linked to {@code links}. */
    public CheckpointContents withLinks(Map<String, String> links) {
        return new CheckpointContents(step, rng, config, weights, optimizer, ema, links);
    }

    public CheckpointContents {
        links = Map.copyOf(links);
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

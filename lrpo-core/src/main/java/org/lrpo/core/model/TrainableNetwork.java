package org.lrpo.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * A network whose weights trainers, optimisers and checkpoints handle by readable name: the diffusion
 * policy ({@link ConditionalDenoiser}) and the stage-1 restoration module ({@link RestorationNet}).
 */
public interface TrainableNetwork extends AutoCloseable {

    /** All parameters, in a stable order, by readable name. */
    Map<String, Parameter> parameters();

    /** The parameters that currently receive gradients, in the stable order. */
    Map<String, Parameter> trainableParameters();

    /**
     * Re-applies {@code requiresGradient} to every weight array; needed after weight arrays were replaced
     * (DJL's {@code loadParameters} and in-place writes drop the flag).
     */
    void refreshGradientFlags();

    /** The manager that owns the weights; make per-call scopes with {@code manager().newSubManager()}. */
    NDManager manager();

    @Override
    void close();
}

package org.lrpo.jobs.train;

import java.io.Serializable;

/**
 * Weights as one flat vector with the number of the update that produced them. The driver broadcasts
 * the trainable weights theta (order of {@link org.lrpo.core.train.NetworkParameters#trainableLayout()})
 * once per update, and the full set (order of {@code allLayout()}) once per run; executors reload only
 * when the number changes.
 *
 * @param version 0 for the run's starting weights, +1 per optimiser step the driver took since
 * @param values the weights, flat
 */
public record VersionedWeights(long version, float[] values) implements Serializable {}

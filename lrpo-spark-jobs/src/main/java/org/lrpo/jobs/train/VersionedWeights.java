package org.lrpo.jobs.train;

import java.io.Serializable;

/**
 * The trainable weights theta as one flat vector (the order of
 * {@link org.lrpo.core.train.PolicyParameters#trainableLayout()}) with the number of the update that
 * produced them. The driver broadcasts one per update; executors reload only when the number changes.
 *
 * @param version 0 for the starting weights, +1 per optimiser step the driver took in this run
 * @param trainable theta, flat
 */
public record VersionedWeights(long version, float[] trainable) implements Serializable {}

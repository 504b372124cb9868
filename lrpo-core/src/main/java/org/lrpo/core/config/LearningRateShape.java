package org.lrpo.core.config;

/** How the learning rate evolves after warm-up. */
public enum LearningRateShape {
    CONSTANT,
    COSINE
}

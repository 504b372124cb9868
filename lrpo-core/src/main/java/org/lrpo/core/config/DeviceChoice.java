package org.lrpo.core.config;

/** Where tensors live: {@code auto} takes an assigned or visible GPU and falls back to CPU, saying so. */
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU
}

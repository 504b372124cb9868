package org.lrpo.core.engine;

/**
 * Where tensors live ({@code lrpo.device}, read by {@code RunSettings}; applied by {@link DeviceSelector}):
 * {@code auto} takes an assigned or visible GPU and falls back to CPU, saying so.
 */
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU
}

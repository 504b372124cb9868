package org.lrpo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** SiLU / swish with beta 1, {@code x * sigmoid(x)}, the UNet's activation. */
final class Swish {
    private Swish() {}

    static NDArray apply(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }
}

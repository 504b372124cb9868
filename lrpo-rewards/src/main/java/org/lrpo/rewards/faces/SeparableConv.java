package org.lrpo.rewards.faces;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A depthwise-separable conv with bias as face-api stores it ({@code <prefix>/depthwise_filter},
 * {@code /pointwise_filter}, {@code /bias}; {@code common/depthwiseSeparableConv.ts}), shared by the
 * landmark nets and the tiny face detector.
 */
final class SeparableConv {
    private final NDArray depthwise;
    private final NDArray pointwise;
    private final NDArray bias;

    SeparableConv(NDManager manager, TfjsWeights weights, String prefix) {
        this.depthwise = TfLayout.depthwiseKernel(manager, weights.getRank(prefix + "/depthwise_filter", 4));
        this.pointwise = TfLayout.convKernel(manager, weights.getRank(prefix + "/pointwise_filter", 4));
        this.bias = TfLayout.vector(manager, weights.get(prefix + "/bias", (int) pointwise.getShape().get(0)));
        if (depthwise.getShape().get(0) != pointwise.getShape().get(1)) {
            throw new IllegalArgumentException(prefix + ": depthwise conv gives " + depthwise.getShape().get(0)
                    + " channels but the pointwise conv takes " + pointwise.getShape().get(1));
        }
    }

    NDArray apply(NDArray x, int stride, TfOps.Padding padding) {
        return TfOps.separableConv2d(x, depthwise, pointwise, bias, stride, padding);
    }
}

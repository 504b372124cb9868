package org.lrpo.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/** The few convolution shapes the UNet uses. */
final class Convs {
    private Convs() {}

    /** 3x3, stride 1, padding 1: keeps the spatial size. */
    static Conv2d conv3x3(int outChannels) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .setFilters(outChannels).build();
    }

    /** 3x3, stride 2, padding 1: halves the spatial size. */
    static Conv2d conv3x3Stride2(int outChannels) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .optStride(new Shape(2, 2)).setFilters(outChannels).build();
    }

    /** 1x1: mixes channels only. */
    static Conv2d conv1x1(int outChannels) {
        return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(outChannels).build();
    }

    /** [B, C, H, W] with C replaced. */
    static Shape withChannels(Shape s, long channels) {
        return new Shape(s.get(0), channels, s.get(2), s.get(3));
    }

    /** [B, C, H, W] with H and W scaled by {@code num / den}. */
    static Shape scaled(Shape s, long channels, int num, int den) {
        return new Shape(s.get(0), channels, s.get(2) * num / den, s.get(3) * num / den);
    }
}

package org.lrpo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Doubles H and W by nearest-neighbour repetition, then a 3x3 convolution (keeps the channels). */
final class Upsample extends AbstractBlock {
    private final int channels;
    private final Block conv;

    Upsample(int channels) {
        this.channels = channels;
        conv = addChildBlock("conv", Convs.conv3x3(channels));
    }

    /** Nearest-neighbour 2x: every pixel becomes a 2x2 block. */
    static NDArray nearest2x(NDArray x) {
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(b, c, h, 1, w, 1).broadcast(b, c, h, 2, w, 2).reshape(b, c, 2 * h, 2 * w);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return conv.forward(ps, new NDList(nearest2x(inputs.singletonOrThrow())), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, Convs.scaled(inputShapes[0], channels, 2, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Convs.scaled(inputShapes[0], channels, 2, 1)};
    }
}

package org.lrpo.core.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Halves H and W with a learned 3x3 stride-2 convolution, keeping the channels. */
final class Downsample extends AbstractBlock {
    private final int channels;
    private final Block conv;

    Downsample(int channels) {
        this.channels = channels;
        conv = addChildBlock("conv", Convs.conv3x3Stride2(channels));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return conv.forward(ps, inputs, training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Convs.scaled(inputShapes[0], channels, 1, 2)};
    }
}

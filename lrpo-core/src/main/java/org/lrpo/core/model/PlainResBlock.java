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

/**
 * Residual block of the restoration module: {@code h + conv2(SiLU(conv1(SiLU(h))))}, same channels in and
 * out. No normalisation (EDSR's finding for restoration; and a norm over the whole image would make a
 * tile's output depend on the rest of the photo).
 */
final class PlainResBlock extends AbstractBlock {
    private final Block conv1;
    private final Block conv2;

    PlainResBlock(int channels) {
        conv1 = addChildBlock("conv1", Convs.conv3x3(channels));
        conv2 = addChildBlock("conv2", Convs.conv3x3(channels));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray h = inputs.head();
        NDArray y = conv1.forward(ps, new NDList(Swish.apply(h)), training).head();
        y = conv2.forward(ps, new NDList(Swish.apply(y)), training).head();
        return new NDList(h.add(y));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv1.initialize(manager, dataType, inputShapes[0]);
        conv2.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

package org.lrpo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Residual block of the diffusion UNet (Ho et al. 2020): input {@code (h [B, Cin, H, W], temb [B, E])},
 * output {@code skip(h) + conv2(SiLU(GN2(conv1(SiLU(GN1(h))) + W_t SiLU(temb))))} with {@code Cout}
 * channels. The skip is a 1x1 convolution when {@code Cin != Cout}, the identity otherwise.
 */
final class ResBlock extends AbstractBlock {
    private final int inChannels;
    private final int outChannels;
    private final Block norm1;
    private final Block conv1;
    private final Block timeProjection;
    private final Block norm2;
    private final Block conv2;
    private final Block skip;

    ResBlock(int inChannels, int outChannels, int groups) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        norm1 = addChildBlock("norm1", new GroupNorm(groups, inChannels));
        conv1 = addChildBlock("conv1", Convs.conv3x3(outChannels));
        timeProjection = addChildBlock("time", Linear.builder().setUnits(outChannels).build());
        norm2 = addChildBlock("norm2", new GroupNorm(groups, outChannels));
        conv2 = addChildBlock("conv2", Convs.conv3x3(outChannels));
        skip = inChannels == outChannels ? null : addChildBlock("skip", Convs.conv1x1(outChannels));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray temb = inputs.get(1);
        NDArray h = conv1.forward(ps, new NDList(Swish.apply(norm1.forward(ps, new NDList(x), training).head())),
                training).head();
        NDArray t = timeProjection.forward(ps, new NDList(Swish.apply(temb)), training).head();
        h = h.add(t.reshape(t.getShape().get(0), outChannels, 1, 1));
        h = conv2.forward(ps, new NDList(Swish.apply(norm2.forward(ps, new NDList(h), training).head())),
                training).head();
        NDArray shortcut = skip == null ? x : skip.forward(ps, new NDList(x), training).head();
        return new NDList(h.add(shortcut));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape out = Convs.withChannels(in, outChannels);
        norm1.initialize(manager, dataType, in);
        conv1.initialize(manager, dataType, in);
        timeProjection.initialize(manager, dataType, inputShapes[1]);
        norm2.initialize(manager, dataType, out);
        conv2.initialize(manager, dataType, out);
        if (skip != null) {
            skip.initialize(manager, dataType, in);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Convs.withChannels(inputShapes[0], outChannels)};
    }

    int inChannels() {
        return inChannels;
    }
}

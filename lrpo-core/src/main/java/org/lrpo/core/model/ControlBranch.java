package org.lrpo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The control branch (ControlNet, Zhang et al. 2023; DiffBIR's IRControlNet): a copy-shaped encoder with
 * its own timestep embedding that reads {@code concat(x_t, c)} (c = the LQ image) and emits one residual
 * per base skip feature plus one for the middle, each through a 1x1 "zero convolution" whose weight and
 * bias start at zero. A freshly attached branch therefore adds exact zeros to the base UNet's features.
 * Input {@code (x_t, t, c)}, output the residuals in {@link UNetEncoder}'s output order.
 */
final class ControlBranch extends AbstractBlock {
    /** Name fragment that marks the zero-initialised output convolutions (see {@link WeightInit}). */
    static final String ZERO_CONV = "zero";

    private final Block time;
    private final Block encoder;
    private final List<Block> zeroConvs = new ArrayList<>();

    ControlBranch(PolicyConfig config) {
        time = addChildBlock("time", new TimestepEmbedding(config.timeEmbeddingDim()));
        encoder = addChildBlock("encoder", new UNetEncoder(config, 2 * config.imageChannels()));
        int[] channels = UNetEncoder.outputChannels(config);
        for (int i = 0; i < channels.length; i++) {
            zeroConvs.add(addChildBlock(ZERO_CONV + i, Convs.conv1x1(channels[i])));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray temb = time.forward(ps, new NDList(inputs.get(1)), training).head();
        NDArray in = NDArrays.concat(new NDList(x, inputs.get(2)), 1);
        NDList features = encoder.forward(ps, new NDList(in, temb), training);
        NDList residuals = new NDList(features.size());
        for (int i = 0; i < features.size(); i++) {
            residuals.add(zeroConvs.get(i).forward(ps, new NDList(features.get(i)), training).head());
        }
        return residuals;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        time.initialize(manager, dataType, inputShapes[1]);
        Shape temb = time.getOutputShapes(new Shape[] {inputShapes[1]})[0];
        Shape[] encIn = {Convs.withChannels(x, 2 * x.get(1)), temb};
        encoder.initialize(manager, dataType, encIn);
        Shape[] features = encoder.getOutputShapes(encIn);
        for (int i = 0; i < features.length; i++) {
            zeroConvs.get(i).initialize(manager, dataType, features[i]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        Shape temb = time.getOutputShapes(new Shape[] {inputShapes[1]})[0];
        return encoder.getOutputShapes(new Shape[] {Convs.withChannels(x, 2 * x.get(1)), temb});
    }
}

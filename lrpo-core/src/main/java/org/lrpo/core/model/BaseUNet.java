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
 * The base denoiser {@code eps(x_t, t)}: timestep embedding, {@link UNetEncoder}, {@link UNetDecoder}.
 * It has no LQ input; in the ControlNet design the LQ image reaches it only through the residuals that
 * {@link ControlBranch} adds to its skip and middle features (paper: the frozen SD UNet).
 * Input {@code (x_t [B, C, R, R], t [B])}, output eps {@code [B, C, R, R]}.
 */
final class BaseUNet extends AbstractBlock {
    private final Block time;
    private final Block encoder;
    private final Block decoder;

    BaseUNet(PolicyConfig config) {
        time = addChildBlock("time", new TimestepEmbedding(config.timeEmbeddingDim()));
        encoder = addChildBlock("encoder", new UNetEncoder(config, config.imageChannels()));
        decoder = addChildBlock("decoder", new UNetDecoder(config));
    }

    NDArray embed(ParameterStore ps, NDArray t, boolean training) {
        return time.forward(ps, new NDList(t), training).head();
    }

    NDList encode(ParameterStore ps, NDArray x, NDArray temb, boolean training) {
        return encoder.forward(ps, new NDList(x, temb), training);
    }

    NDArray decode(ParameterStore ps, NDList features, NDArray temb, boolean training) {
        NDList in = new NDList(features);
        in.add(temb);
        return decoder.forward(ps, in, training).head();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray temb = embed(ps, inputs.get(1), training);
        return new NDList(decode(ps, encode(ps, inputs.get(0), temb, training), temb, training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        time.initialize(manager, dataType, inputShapes[1]);
        Shape temb = time.getOutputShapes(new Shape[] {inputShapes[1]})[0];
        Shape[] encIn = {inputShapes[0], temb};
        encoder.initialize(manager, dataType, encIn);
        Shape[] features = encoder.getOutputShapes(encIn);
        Shape[] decIn = new Shape[features.length + 1];
        System.arraycopy(features, 0, decIn, 0, features.length);
        decIn[features.length] = temb;
        decoder.initialize(manager, dataType, decIn);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

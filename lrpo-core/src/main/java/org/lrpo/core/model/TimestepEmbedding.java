package org.lrpo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * Timestep t (a float per sample, [B]) to an embedding [B, E]: the sinusoidal features of
 * {@link #sinusoid(NDArray, int)} followed by Linear, SiLU, Linear.
 */
final class TimestepEmbedding extends AbstractBlock {
    private final int dim;
    private final Block linear1;
    private final Block linear2;

    TimestepEmbedding(int dim) {
        this.dim = dim;
        linear1 = addChildBlock("linear1", Linear.builder().setUnits(dim).build());
        linear2 = addChildBlock("linear2", Linear.builder().setUnits(dim).build());
    }

    /**
     * Transformer-style features of t: {@code [cos(t f_0) .. cos(t f_{h-1}), sin(t f_0) .. sin(t f_{h-1})]}
     * with {@code h = dim / 2} and {@code f_i = 10000^(-i/h)} (the Stable Diffusion UNet's
     * {@code flip_sin_to_cos=True, downscale_freq_shift=0}).
     */
    static NDArray sinusoid(NDArray t, int dim) {
        int half = dim / 2;
        float[] freqs = new float[half];
        for (int i = 0; i < half; i++) {
            freqs[i] = (float) Math.exp(-Math.log(10000.0) * i / half);
        }
        NDArray f = t.getManager().create(freqs).reshape(1, half);
        NDArray args = t.toType(DataType.FLOAT32, false).reshape(-1, 1).mul(f);
        return NDArrays.concat(new NDList(args.cos(), args.sin()), 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray e = sinusoid(inputs.singletonOrThrow(), dim);
        e = Swish.apply(linear1.forward(ps, new NDList(e), training).head());
        return linear2.forward(ps, new NDList(e), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = new Shape(inputShapes[0].get(0), dim);
        linear1.initialize(manager, dataType, s);
        linear2.initialize(manager, dataType, s);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), dim)};
    }
}

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
 * The expanding half of the UNet: input {@code (skip_0, ..., skip_{n-1}, middle, temb)} as produced by
 * {@link UNetEncoder} (possibly with control residuals added), output the predicted noise
 * {@code [B, imageChannels, R, R]}. Each level has {@code resBlocksPerLevel + 1} residual blocks, each
 * reading {@code concat(h, last unused skip)}; every level but the top ends with an {@link Upsample}.
 */
final class UNetDecoder extends AbstractBlock {
    private final List<Block> stages = new ArrayList<>();
    private final Block outNorm;
    private final Block outConv;
    private final int imageChannels;

    UNetDecoder(PolicyConfig config) {
        imageChannels = config.imageChannels();
        int[] skipChannels = UNetEncoder.outputChannels(config);
        int nextSkip = skipChannels.length - 2;
        int ch = config.channelsAt(config.levels() - 1);
        for (int level = config.levels() - 1; level >= 0; level--) {
            int out = config.channelsAt(level);
            for (int r = 0; r <= config.resBlocksPerLevel(); r++) {
                int in = ch + skipChannels[nextSkip--];
                stages.add(addChildBlock("l" + level + "res" + r, new ResBlock(in, out, config.groupNormGroups())));
                ch = out;
            }
            if (level > 0) {
                stages.add(addChildBlock("l" + level + "up", new Upsample(ch)));
            }
        }
        if (nextSkip != -1) {
            throw new IllegalStateException("UNet decoder consumed the skips wrongly: " + (nextSkip + 1) + " left");
        }
        outNorm = addChildBlock("outNorm", new GroupNorm(config.groupNormGroups(), ch));
        outConv = addChildBlock("outConv", Convs.conv3x3(imageChannels));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        int n = inputs.size();
        NDArray temb = inputs.get(n - 1);
        NDArray h = inputs.get(n - 2);
        int nextSkip = n - 3;
        for (Block stage : stages) {
            if (stage instanceof ResBlock) {
                NDArray in = NDArrays.concat(new NDList(h, inputs.get(nextSkip--)), 1);
                h = stage.forward(ps, new NDList(in, temb), training).head();
            } else {
                h = stage.forward(ps, new NDList(h), training).head();
            }
        }
        h = Swish.apply(outNorm.forward(ps, new NDList(h), training).head());
        return outConv.forward(ps, new NDList(h), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int n = inputShapes.length;
        Shape temb = inputShapes[n - 1];
        Shape h = inputShapes[n - 2];
        int nextSkip = n - 3;
        for (Block stage : stages) {
            Shape[] in;
            if (stage instanceof ResBlock) {
                Shape skip = inputShapes[nextSkip--];
                in = new Shape[] {Convs.withChannels(h, h.get(1) + skip.get(1)), temb};
            } else {
                in = new Shape[] {h};
            }
            stage.initialize(manager, dataType, in);
            h = stage.getOutputShapes(in)[0];
        }
        outNorm.initialize(manager, dataType, h);
        outConv.initialize(manager, dataType, h);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Convs.withChannels(inputShapes[0], imageChannels)};
    }
}

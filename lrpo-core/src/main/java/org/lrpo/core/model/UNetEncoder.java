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
import java.util.ArrayList;
import java.util.List;

/**
 * The contracting half of the UNet plus its middle: input {@code (x [B, inChannels, R, R], temb [B, E])},
 * output the skip features, one per stage (stem, each residual block, each downsampling), followed by the
 * middle features. The base UNet and the control branch each own one: the control branch's copy reads
 * {@code concat(x_t, c)} and produces the residuals that are added to the base's skips and middle.
 */
final class UNetEncoder extends AbstractBlock {
    private final List<Block> stages = new ArrayList<>();
    private final Block middle1;
    private final Block middle2;

    UNetEncoder(PolicyConfig config, int inChannels) {
        int groups = config.groupNormGroups();
        int ch = config.baseChannels();
        stages.add(addChildBlock("stem", Convs.conv3x3(ch)));
        for (int level = 0; level < config.levels(); level++) {
            int out = config.channelsAt(level);
            for (int r = 0; r < config.resBlocksPerLevel(); r++) {
                stages.add(addChildBlock("l" + level + "res" + r, new ResBlock(ch, out, groups)));
                ch = out;
            }
            if (level < config.levels() - 1) {
                stages.add(addChildBlock("l" + level + "down", new Downsample(ch)));
            }
        }
        middle1 = addChildBlock("mid1", new ResBlock(ch, ch, groups));
        middle2 = addChildBlock("mid2", new ResBlock(ch, ch, groups));
    }

    /** Channels of each output of {@link #forward}: the skips in order, then the middle. */
    static int[] outputChannels(PolicyConfig config) {
        List<Integer> out = new ArrayList<>();
        out.add(config.baseChannels());
        for (int level = 0; level < config.levels(); level++) {
            for (int r = 0; r < config.resBlocksPerLevel(); r++) {
                out.add(config.channelsAt(level));
            }
            if (level < config.levels() - 1) {
                out.add(config.channelsAt(level));
            }
        }
        out.add(config.channelsAt(config.levels() - 1));
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray temb = inputs.get(1);
        NDList outputs = new NDList();
        for (Block stage : stages) {
            NDList in = stage instanceof ResBlock ? new NDList(h, temb) : new NDList(h);
            h = stage.forward(ps, in, training).head();
            outputs.add(h);
        }
        h = middle1.forward(ps, new NDList(h, temb), training).head();
        h = middle2.forward(ps, new NDList(h, temb), training).head();
        outputs.add(h);
        return outputs;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape h = inputShapes[0];
        Shape temb = inputShapes[1];
        for (Block stage : stages) {
            Shape[] in = stage instanceof ResBlock ? new Shape[] {h, temb} : new Shape[] {h};
            stage.initialize(manager, dataType, in);
            h = stage.getOutputShapes(in)[0];
        }
        middle1.initialize(manager, dataType, h, temb);
        middle2.initialize(manager, dataType, h, temb);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        List<Shape> out = new ArrayList<>();
        Shape h = inputShapes[0];
        for (Block stage : stages) {
            Shape[] in = stage instanceof ResBlock ? new Shape[] {h, inputShapes[1]} : new Shape[] {h};
            h = stage.getOutputShapes(in)[0];
            out.add(h);
        }
        out.add(h);
        return out.toArray(new Shape[0]);
    }
}

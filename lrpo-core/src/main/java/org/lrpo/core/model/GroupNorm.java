package org.lrpo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu and He 2018) of an {@code [B, C, H, W]} tensor, as {@code torch.nn.GroupNorm}:
 * the C channels are split into {@code groups} groups; each (sample, group) is normalised by its own mean
 * and biased variance over its {@code C/groups * H * W} elements, then scaled by {@code gamma[c]} and
 * shifted by {@code beta[c]}. DJL 0.36 has no such block; it is
 * libtorch's fused layer_norm over {@code [B, groups, C/groups*H*W]} followed by the per-channel affine.
 */
public final class GroupNorm extends AbstractBlock {
    /** torch.nn.GroupNorm's default epsilon. */
    public static final float EPSILON = 1e-5f;

    private final int groups;
    private final int channels;
    private final Parameter gamma;
    private final Parameter beta;

    public GroupNorm(int groups, int channels) {
        if (groups <= 0 || channels <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException(
                    "GroupNorm needs channels divisible by groups, got channels=" + channels + ", groups=" + groups);
        }
        this.groups = groups;
        this.channels = channels;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels)).optInitializer(Initializer.ONES).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(new Shape(channels)).optInitializer(Initializer.ZEROS).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        if (shape.dimension() != 4 || shape.get(1) != channels) {
            throw new IllegalArgumentException("GroupNorm(" + channels + " channels) expects [B, " + channels
                    + ", H, W], got " + shape);
        }
        // One fused native layer_norm over each (sample, group) instead of mean, sub, square, mean, add,
        // sqrt, div: 7 full passes over x and as many JNI crossings became one (BENCHMARKS.md). layer_norm's
        // own affine is elementwise over the normalised axis, not per channel, so it gets ones and zeros.
        long perGroup = shape.size() / (shape.get(0) * groups);
        NDManager m = x.getManager();
        Shape normalisedShape = new Shape(perGroup);
        NDArray normalised = LayerNorm.layerNorm(x.reshape(shape.get(0), groups, perGroup), normalisedShape,
                m.ones(normalisedShape, x.getDataType(), x.getDevice()),
                m.zeros(normalisedShape, x.getDataType(), x.getDevice()), EPSILON).head().reshape(shape);
        // reshape() of a parameter lands in the model's manager; move the view to the input's scope so a
        // long sampling loop does not accumulate handles there.
        NDArray g = store.getValue(gamma, x.getDevice(), training).reshape(1, channels, 1, 1);
        g.attach(x.getManager());
        NDArray b = store.getValue(beta, x.getDevice(), training).reshape(1, channels, 1, 1);
        b.attach(x.getManager());
        // In place on mul's fresh result: add's backward needs neither operand.
        return new NDList(normalised.mul(g).addi(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

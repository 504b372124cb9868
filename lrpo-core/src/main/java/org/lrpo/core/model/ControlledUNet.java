package org.lrpo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.djl.nn.AbstractBlock;

/**
 * {@code eps_theta(x_t, t, c)} of METHOD.md section 1: {@link BaseUNet} with {@link ControlBranch}'s
 * residuals added to its skip features and its middle features.
 *
 * <p>Input {@code (x_t [B, C, R, R], t [B], c [B, C, R, R])}; with only {@code (x_t, t)} the base runs
 * alone (no LQ input at all), which is what the "fresh branch changes nothing" test compares against.
 * Children are named {@value #BASE} and {@value #CONTROL}; {@link ConditionalDenoiser} groups the
 * parameters by that first name.
 */
final class ControlledUNet extends AbstractBlock {
    static final String BASE = "base";
    static final String CONTROL = "control";

    private final BaseUNet base;
    private final ControlBranch control;

    ControlledUNet(PolicyConfig config) {
        base = addChildBlock(BASE, new BaseUNet(config));
        control = addChildBlock(CONTROL, new ControlBranch(config));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray t = inputs.get(1);
        NDArray temb = base.embed(ps, t, training);
        NDList features = base.encode(ps, x, temb, training);
        if (inputs.size() == 3) {
            NDList residuals = control.forward(ps, new NDList(x, t, inputs.get(2)), training);
            NDList sum = new NDList(features.size());
            for (int i = 0; i < features.size(); i++) {
                sum.add(features.get(i).add(residuals.get(i)));
            }
            features = sum;
        } else if (inputs.size() != 2) {
            throw new IllegalArgumentException("expected (x_t, t) or (x_t, t, lq), got " + inputs.size() + " inputs");
        }
        return new NDList(base.decode(ps, features, temb, training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        base.initialize(manager, dataType, inputShapes[0], inputShapes[1]);
        control.initialize(manager, dataType, inputShapes[0], inputShapes[1], inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

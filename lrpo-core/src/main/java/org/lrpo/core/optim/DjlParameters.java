package org.lrpo.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Moves weights and gradients between a DJL {@link Block}'s parameter arrays and a flat
 * {@link ParameterSet}, by the names {@link Block#getParameters()} gives (e.g. {@code 01Conv2d_weight}).
 *
 * <p>Weights are written with {@link DjlWeightWriter} (through {@code NDArray.set} rather than
 * {@code Block.loadParameters}, which replaces the arrays and drops their gradient flag: FINDINGS.md,
 * DJL pitfalls 4 and 6). Every gradient handle {@code getGradient()} returns is a new native handle
 * and is closed here.
 *
 * <p>Only float32 parameters are supported; anything else is reported by name.
 */
public final class DjlParameters {
    private DjlParameters() {}

    /** The layout of all of {@code block}'s parameters, in DJL's order. The block must be initialised. */
    public static ParameterLayout layoutOf(Block block) {
        return layoutOf(block, name -> true);
    }

    /**
     * The layout of the parameters whose names {@code include} accepts (e.g. only the control branch),
     * in DJL's order.
     */
    public static ParameterLayout layoutOf(Block block, Predicate<String> include) {
        return layoutOf(block.getParameters(), include);
    }

    /** The layout of the parameters in {@code parameters} whose names {@code include} accepts, in list order. */
    public static ParameterLayout layoutOf(ParameterList parameters, Predicate<String> include) {
        ParameterLayout.Builder b = ParameterLayout.builder();
        for (Pair<String, Parameter> p : parameters) {
            if (!include.test(p.getKey())) {
                continue;
            }
            NDArray array = arrayOf(p.getKey(), p.getValue());
            long[] dims = array.getShape().getShape();
            int[] shape = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = Math.toIntExact(dims[i]);
            }
            b.add(p.getKey(), shape);
        }
        return b.build();
    }

    /** Copies the block's current values of {@code layout}'s parameters into a new set. */
    public static ParameterSet read(Block block, ParameterLayout layout) {
        return read(block.getParameters(), layout);
    }

    /** Copies the current values of {@code layout}'s parameters out of {@code parameters} into a new set. */
    public static ParameterSet read(ParameterList parameters, ParameterLayout layout) {
        Map<String, Parameter> byName = byName(parameters);
        ParameterSet set = ParameterSet.zeros(layout);
        for (int i = 0; i < layout.tensorCount(); i++) {
            ParameterLayout.Entry e = layout.entry(i);
            NDArray array = checkedArray(byName, e);
            float[] values = array.toFloatArray();
            System.arraycopy(values, 0, set.flat(), e.offset(), e.size());
        }
        return set;
    }

    /**
     * Copies the gradients of {@code layout}'s parameters into {@code dst} (length
     * {@code layout.totalSize()}). A parameter with no backward pass yet reads as zeros (DJL's rule).
     */
    public static void readGradients(Block block, ParameterLayout layout, float[] dst) {
        readGradients(block.getParameters(), layout, dst);
    }

    /** As {@link #readGradients(Block, ParameterLayout, float[])}, for a parameter list. */
    public static void readGradients(ParameterList parameters, ParameterLayout layout, float[] dst) {
        if (dst.length != layout.totalSize()) {
            throw new IllegalArgumentException("layout has " + layout.totalSize() + " values, destination has "
                    + dst.length);
        }
        Map<String, Parameter> byName = byName(parameters);
        for (int i = 0; i < layout.tensorCount(); i++) {
            ParameterLayout.Entry e = layout.entry(i);
            NDArray array = checkedArray(byName, e);
            if (!array.hasGradient()) {
                throw new IllegalStateException("parameter " + e.name() + " does not require a gradient"
                        + " (frozen, or its flag was lost); cannot read its gradient");
            }
            try (NDArray grad = array.getGradient()) {
                float[] g = grad.toFloatArray();
                System.arraycopy(g, 0, dst, e.offset(), e.size());
            }
        }
    }

    /**
     * Sets the gradients of {@code layout}'s parameters to zero in place. Needed before each backward
     * pass outside a DJL {@code Trainer}, where gradients accumulate (FINDINGS.md pitfall 1); this
     * touches only this block's parameters, not every array in the JVM (pitfall 2).
     */
    public static void zeroGradients(Block block, ParameterLayout layout) {
        zeroGradients(block.getParameters(), layout);
    }

    /** As {@link #zeroGradients(Block, ParameterLayout)}, for a parameter list. */
    public static void zeroGradients(ParameterList parameters, ParameterLayout layout) {
        Map<String, Parameter> byName = byName(parameters);
        for (ParameterLayout.Entry e : layout.entries()) {
            NDArray array = checkedArray(byName, e);
            if (array.hasGradient()) {
                try (NDArray grad = array.getGradient()) {
                    // Assigned, not multiplied by 0: NaN * 0 is NaN, so one non-finite backward would poison
                    // every later gradient of this JVM and the skip-a-bad-update rule could never recover.
                    grad.set(new NDIndex("..."), 0f);
                }
            }
        }
    }

    static Map<String, Parameter> byName(ParameterList parameters) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : parameters) {
            map.put(p.getKey(), p.getValue());
        }
        return map;
    }

    private static NDArray arrayOf(String name, Parameter parameter) {
        if (!parameter.isInitialized()) {
            throw new IllegalStateException("parameter " + name + " is not initialised; initialise the block first");
        }
        NDArray array = parameter.getArray();
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("parameter " + name + " has data type " + array.getDataType()
                    + "; only float32 is supported");
        }
        return array;
    }

    static NDArray checkedArray(Map<String, Parameter> byName, ParameterLayout.Entry e) {
        Parameter parameter = byName.get(e.name());
        if (parameter == null) {
            throw new IllegalArgumentException("block has no parameter named " + e.name());
        }
        NDArray array = arrayOf(e.name(), parameter);
        long[] dims = array.getShape().getShape();
        int[] expected = e.shape();
        boolean same = dims.length == expected.length;
        for (int d = 0; same && d < dims.length; d++) {
            same = dims[d] == expected[d];
        }
        if (!same) {
            throw new IllegalArgumentException("parameter " + e.name() + ": block shape "
                    + array.getShape() + ", layout expects " + e.shapeString());
        }
        return array;
    }
}

package org.lrpo.core.optim;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An ordered set of named float tensors stored as one flat {@code float[]} (their concatenation in
 * {@link ParameterLayout} order).
 *
 * <p>This is how the project holds trainable weights outside the network: on the Spark driver (the
 * flat vector is what gets broadcast and what {@link AdamW} updates in place), in checkpoints, and as
 * EMA weights. Gradients use the same layout, so a flat gradient vector lines up element by element
 * with {@link #flat()}.
 */
public final class ParameterSet {
    private final ParameterLayout layout;
    private final float[] flat;

    private ParameterSet(ParameterLayout layout, float[] flat) {
        this.layout = layout;
        this.flat = flat;
    }

    /** Wraps {@code flat} (not copied) as the values of {@code layout}. */
    public static ParameterSet wrap(ParameterLayout layout, float[] flat) {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(flat, "flat");
        if (flat.length != layout.totalSize()) {
            throw new IllegalArgumentException("layout has " + layout.totalSize() + " values, flat vector has "
                    + flat.length);
        }
        return new ParameterSet(layout, flat);
    }

    /** A set of zeros with this layout. */
    public static ParameterSet zeros(ParameterLayout layout) {
        return new ParameterSet(layout, new float[layout.totalSize()]);
    }

    /** Copies the tensors, in the given order, into one flat vector. */
    public static ParameterSet of(List<NamedTensor> tensors) {
        ParameterLayout.Builder b = ParameterLayout.builder();
        for (NamedTensor t : tensors) {
            b.add(t.name(), t.shape());
        }
        ParameterLayout layout = b.build();
        float[] flat = new float[layout.totalSize()];
        for (int i = 0; i < tensors.size(); i++) {
            float[] v = tensors.get(i).values();
            System.arraycopy(v, 0, flat, layout.entry(i).offset(), v.length);
        }
        return new ParameterSet(layout, flat);
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** The backing flat vector, shared: writes change this set. */
    public float[] flat() {
        return flat;
    }

    /** A deep copy. */
    public ParameterSet copy() {
        return new ParameterSet(layout, flat.clone());
    }

    /** A read-write view of tensor {@code i}'s values inside the flat vector (no copy). */
    public FloatBuffer view(int i) {
        ParameterLayout.Entry e = layout.entry(i);
        return FloatBuffer.wrap(flat, e.offset(), e.size()).slice();
    }

    /** A copy of tensor {@code i}. */
    public NamedTensor tensor(int i) {
        ParameterLayout.Entry e = layout.entry(i);
        return new NamedTensor(e.name(), e.shape(), Arrays.copyOfRange(flat, e.offset(), e.offset() + e.size()));
    }

    /** A copy of the tensor called {@code name}. */
    public NamedTensor tensor(String name) {
        ParameterLayout.Entry e = layout.entry(name);
        return new NamedTensor(e.name(), e.shape(), Arrays.copyOfRange(flat, e.offset(), e.offset() + e.size()));
    }

    /** Copies of all tensors, in layout order. */
    public List<NamedTensor> tensors() {
        List<NamedTensor> out = new ArrayList<>(layout.tensorCount());
        for (int i = 0; i < layout.tensorCount(); i++) {
            out.add(tensor(i));
        }
        return out;
    }

    /** Copies {@code values} into this set; {@code values.length} must be the layout's total size. */
    public void copyFrom(float[] values) {
        if (values.length != flat.length) {
            throw new IllegalArgumentException("expected " + flat.length + " values, got " + values.length);
        }
        System.arraycopy(values, 0, flat, 0, flat.length);
    }

    /** Same layout and bit-identical values. */
    public boolean bitwiseEquals(ParameterSet other) {
        if (!layout.equals(other.layout)) {
            return false;
        }
        for (int i = 0; i < flat.length; i++) {
            if (Float.floatToRawIntBits(flat[i]) != Float.floatToRawIntBits(other.flat[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "ParameterSet(" + layout.tensorCount() + " tensors, " + flat.length + " values)";
    }
}

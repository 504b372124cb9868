package org.lrpo.core.optim;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named float tensor: a name, a row-major shape and its values. The values array is held, not
 * copied; the shape is copied.
 */
public record NamedTensor(String name, int[] shape, float[] values) {
    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        shape = Objects.requireNonNull(shape, "shape").clone();
        long size = ParameterLayout.elementCount(name, shape);
        if (values.length != size) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + ParameterLayout.shapeString(shape)
                    + " needs " + size + " values, got " + values.length);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public String shapeString() {
        return ParameterLayout.shapeString(shape);
    }

    /** Equal names, shapes and bit-identical values (NaN payloads included). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NamedTensor t) || !t.name.equals(name) || !Arrays.equals(t.shape, shape)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Float.floatToRawIntBits(values[i]) != Float.floatToRawIntBits(t.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "NamedTensor[" + name + shapeString() + "]";
    }
}

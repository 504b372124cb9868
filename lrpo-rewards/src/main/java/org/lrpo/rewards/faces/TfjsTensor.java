package org.lrpo.rewards.faces;

import java.util.Arrays;
import java.util.Objects;

/**
 * One weight tensor of a TF.js model, dequantised to float32, in TensorFlow's own layout
 * (row-major over {@code shape}; conv kernels HWIO, depthwise kernels H,W,C,multiplier).
 */
public record TfjsTensor(String name, int[] shape, float[] values) {
    public TfjsTensor {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor " + name + " has a non-positive dimension: "
                        + Arrays.toString(shape));
            }
            n *= d;
        }
        if (values.length != n) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape)
                    + " needs " + n + " values, got " + values.length);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    @Override
    public String toString() {
        return "TfjsTensor[" + name + " " + Arrays.toString(shape) + "]";
    }
}

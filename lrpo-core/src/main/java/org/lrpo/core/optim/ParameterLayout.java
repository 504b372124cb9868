package org.lrpo.core.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered names and shapes of a set of float tensors, and where each one sits in their flat
 * concatenation.
 *
 * <p>This is the contract between the network (whatever its blocks), the optimiser (which only sees
 * one flat {@code float[]}), the Spark driver (which aggregates flat gradient vectors) and the
 * checkpoint files (which store tensors by name). Tensor {@code i} occupies
 * {@code [offset(i), offset(i) + size(i))} of the flat vector, row-major inside.
 */
public final class ParameterLayout {
    /** One tensor of the layout: its name, shape and offset in the flat vector. */
    public record Entry(String name, int[] shape, int offset, int size) {
        public Entry {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        /** The shape as {@code [a,b,c]}, the form used in every error message. */
        public String shapeString() {
            return ParameterLayout.shapeString(shape);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.name.equals(name) && Arrays.equals(e.shape, shape)
                    && e.offset == offset;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, Arrays.hashCode(shape), offset);
        }

        @Override
        public String toString() {
            return name + shapeString();
        }
    }

    private final List<Entry> entries;
    private final Map<String, Integer> indexByName;
    private final int totalSize;

    private ParameterLayout(List<Entry> entries, Map<String, Integer> indexByName, int totalSize) {
        this.entries = entries;
        this.indexByName = indexByName;
        this.totalSize = totalSize;
    }

    /** A builder adding tensors in order. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a layout; names must be unique and non-empty, dimensions positive. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final Map<String, Integer> indexByName = new HashMap<>();
        private long total;

        private Builder() {}

        public Builder add(String name, int... shape) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, "shape");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("tensor name must not be empty");
            }
            if (indexByName.containsKey(name)) {
                throw new IllegalArgumentException("duplicate tensor name " + name);
            }
            long size = elementCount(name, shape);
            if (total + size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("parameter set too large for one flat float[]: "
                        + (total + size) + " values at tensor " + name);
            }
            indexByName.put(name, entries.size());
            entries.add(new Entry(name, shape, (int) total, (int) size));
            total += size;
            return this;
        }

        public ParameterLayout build() {
            return new ParameterLayout(List.copyOf(entries), Map.copyOf(indexByName), (int) total);
        }
    }

    /** Number of values of a tensor of this shape; a scalar (rank 0) has one. */
    static long elementCount(String name, int[] shape) {
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor " + name + ": dimensions must be positive, got "
                        + shapeString(shape));
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor " + name + " of shape " + shapeString(shape)
                        + " has more than 2^31-1 values");
            }
        }
        return size;
    }

    public static String shapeString(int[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(shape[i]);
        }
        return sb.append(']').toString();
    }

    public List<Entry> entries() {
        return entries;
    }

    public int tensorCount() {
        return entries.size();
    }

    /** Length of the flat vector: the sum of all tensor sizes. */
    public int totalSize() {
        return totalSize;
    }

    public Entry entry(int index) {
        return entries.get(index);
    }

    /** The entry called {@code name}; {@link IllegalArgumentException} naming it if absent. */
    public Entry entry(String name) {
        Integer i = indexByName.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no tensor named " + name + " in this parameter layout");
        }
        return entries.get(i);
    }

    public boolean contains(String name) {
        return indexByName.containsKey(name);
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            names.add(e.name());
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * Names the element at {@code flatIndex}, e.g. {@code down.0.conv.weight[3,0,1,2]}, so that a
     * non-finite gradient or a mismatch can be reported in the model's own terms.
     */
    public String describe(int flatIndex) {
        if (flatIndex < 0 || flatIndex >= totalSize) {
            throw new IndexOutOfBoundsException("flat index " + flatIndex + " outside [0, " + totalSize + ")");
        }
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (entries.get(mid).offset() <= flatIndex) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Entry e = entries.get(lo);
        int[] shape = e.shape;
        int[] index = new int[shape.length];
        int rem = flatIndex - e.offset();
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = rem % shape[d];
            rem /= shape[d];
        }
        return e.name() + shapeString(index);
    }

    /**
     * A per-element mask over the flat vector, true where {@code include} accepts the tensor name
     * (e.g. weight decay on weights but not on biases and norm scales).
     */
    public boolean[] mask(java.util.function.Predicate<String> include) {
        boolean[] mask = new boolean[totalSize];
        for (Entry e : entries) {
            if (include.test(e.name())) {
                Arrays.fill(mask, e.offset(), e.offset() + e.size(), true);
            }
        }
        return mask;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterLayout l && l.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "ParameterLayout" + entries + " (" + totalSize + " values)";
    }
}

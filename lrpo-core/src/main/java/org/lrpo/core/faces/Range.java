package org.lrpo.core.faces;

import java.util.SplittableRandom;

/** A documented closed interval {@code [min, max]} of a face parameter, with a uniform draw and a check. */
public record Range(double min, double max) {
    public Range {
        if (!(min <= max)) {
            throw new IllegalArgumentException("range minimum " + min + " exceeds maximum " + max);
        }
    }

    /** A uniform draw from this interval. */
    public double draw(SplittableRandom random) {
        return min + (max - min) * random.nextDouble();
    }

    /** The interval's point at fraction {@code t} in [0, 1]. */
    public double at(double t) {
        return min + (max - min) * t;
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    /** Returns {@code value}, or throws naming the parameter when it lies outside this interval. */
    public double check(String parameter, double value) {
        if (!contains(value)) {
            throw new IllegalArgumentException(parameter + " must lie in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }
}

package org.lrpo.core.reward;

/** The closed interval [min, max] a reward component's scores lie in. */
public record ScoreRange(double min, double max) {
    public static final ScoreRange UNIT = new ScoreRange(0.0, 1.0);

    public ScoreRange {
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("a score range needs finite min < max, got [" + min + ", " + max + "]");
        }
    }

    public boolean contains(double v) {
        return v >= min && v <= max;
    }
}

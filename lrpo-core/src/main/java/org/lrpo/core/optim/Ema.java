package org.lrpo.core.optim;

/**
 * Exponential moving average of the weights, for evaluation and export:
 * {@code shadow = decay * shadow + (1 - decay) * theta} after each optimiser step, starting from a
 * copy of the weights. Computed in double, stored in float.
 */
public final class Ema {
    private final double decay;
    private final float[] shadow;
    private long updates;

    /** Starts the average at a copy of {@code initial}. */
    public Ema(double decay, float[] initial) {
        this(decay, initial.clone(), 0);
    }

    private Ema(double decay, float[] shadow, long updates) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1), got " + decay);
        }
        if (updates < 0) {
            throw new IllegalArgumentException("EMA update count must be >= 0, got " + updates);
        }
        this.decay = decay;
        this.shadow = shadow;
        this.updates = updates;
    }

    /** Resumes an average saved with {@link #exportState()}. */
    public static Ema restore(EmaState state) {
        return new Ema(state.decay(), state.shadow().clone(), state.updates());
    }

    /** A copy of the state, for checkpoints. */
    public EmaState exportState() {
        return new EmaState(decay, updates, shadow.clone());
    }

    /** Folds the current weights into the average. */
    public void update(float[] params) {
        if (params.length != shadow.length) {
            throw new IllegalArgumentException("EMA holds " + shadow.length + " values, got " + params.length);
        }
        double keep = decay;
        double take = 1.0 - decay;
        for (int i = 0; i < shadow.length; i++) {
            shadow[i] = (float) (keep * shadow[i] + take * params[i]);
        }
        updates++;
    }

    public double decay() {
        return decay;
    }

    /** Number of values averaged. */
    public int size() {
        return shadow.length;
    }

    /** Number of {@link #update} calls folded in. */
    public long updates() {
        return updates;
    }

    /** A copy of the averaged weights. */
    public float[] shadow() {
        return shadow.clone();
    }
}

package org.lrpo.core.optim;

/**
 * A {@link ParameterUpdater} with the run's divergence rule: an update whose gradients hold NaN or Inf
 * is skipped (the weights stay as they were) and counted; {@code maxInARow} skipped updates in a row
 * stop the run with an error that says where and what to change, leaving the last checkpoint intact.
 * Every trainer (single JVM and Spark, pre-training and LRPO) steps through one of these.
 */
public final class GuardedUpdater {
    private final ParameterUpdater updater;
    private final int maxInARow;
    private final String advice;
    private int inARow;

    /**
     * @param advice what to change when the run stops, e.g. "lower lrpo.rl.learning-rate"
     */
    public GuardedUpdater(ParameterUpdater updater, int maxInARow, String advice) {
        if (maxInARow < 1) {
            throw new IllegalArgumentException("maxInARow must be >= 1, got " + maxInARow);
        }
        this.updater = updater;
        this.maxInARow = maxInARow;
        this.advice = advice;
    }

    /**
     * Updates {@code params} from {@code grads} unless the gradients are not finite.
     *
     * @param where names the update in the error message, e.g. "step 120" or "round 7"
     */
    public ParameterUpdater.Result apply(float[] params, float[] grads, String where) {
        ParameterUpdater.Result r = updater.apply(params, grads);
        if (!r.skipped()) {
            inARow = 0;
            return r;
        }
        if (++inARow >= maxInARow) {
            throw new IllegalStateException(inARow + " updates in a row had NaN or Inf gradients (last at " + where
                    + "); the run stops with the last checkpoint intact: " + advice);
        }
        return r;
    }

    /** Forgets skipped updates (a resumed run starts counting afresh). */
    public void reset() {
        inARow = 0;
    }

    public ParameterUpdater updater() {
        return updater;
    }
}

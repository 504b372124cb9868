package org.lrpo.core.optim;

/**
 * The learning rate as a function of the optimiser step index {@code s = 0, 1, 2, ...} (the
 * {@code s}-th call to {@link AdamW#step}; {@code s} equals {@link AdamW#stepCount()} before the call).
 *
 * <p>Both schedules share an optional linear warm-up over the first {@code W} steps:
 * {@code lr(s) = peak * (s + 1) / W} for {@code s < W}, so the first step already moves (unlike a
 * warm-up starting at 0) and step {@code W - 1} reaches {@code peak}.
 * <ul>
 *   <li>{@link #constant}: {@code peak} for {@code s >= W}.</li>
 *   <li>{@link #cosine}: for {@code W <= s < S}, with {@code p = (s - W) / (S - W)},
 *       {@code lr(s) = min + (peak - min) * (1 + cos(pi p)) / 2}; {@code min} for {@code s >= S}.
 *       So {@code lr(W) = peak} and the rate reaches {@code min} exactly at {@code s = S}.</li>
 * </ul>
 */
public interface LearningRateSchedule {
    /** The learning rate for the optimiser step with 0-based index {@code step}. */
    double lr(long step);

    static LearningRateSchedule constant(double peak, long warmupSteps) {
        return new Constant(peak, warmupSteps);
    }

    static LearningRateSchedule cosine(double peak, double min, long warmupSteps, long totalSteps) {
        return new Cosine(peak, min, warmupSteps, totalSteps);
    }

    /** Linear warm-up, then constant {@code peak}. */
    record Constant(double peak, long warmupSteps) implements LearningRateSchedule {
        public Constant {
            requireRate("peak", peak);
            if (warmupSteps < 0) {
                throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
            }
        }

        @Override
        public double lr(long step) {
            requireStep(step);
            return step < warmupSteps ? peak * (step + 1) / warmupSteps : peak;
        }
    }

    /** Linear warm-up to {@code peak}, then half a cosine down to {@code min} at {@code totalSteps}. */
    record Cosine(double peak, double min, long warmupSteps, long totalSteps) implements LearningRateSchedule {
        public Cosine {
            requireRate("peak", peak);
            requireRate("min", min);
            if (min > peak) {
                throw new IllegalArgumentException("cosine schedule: min learning rate " + min
                        + " exceeds peak " + peak);
            }
            if (warmupSteps < 0) {
                throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
            }
            if (totalSteps <= warmupSteps) {
                throw new IllegalArgumentException("cosine schedule: total steps " + totalSteps
                        + " must exceed warm-up steps " + warmupSteps);
            }
        }

        @Override
        public double lr(long step) {
            requireStep(step);
            if (step < warmupSteps) {
                return peak * (step + 1) / warmupSteps;
            }
            if (step >= totalSteps) {
                return min;
            }
            double p = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
            return min + (peak - min) * 0.5 * (1 + Math.cos(Math.PI * p));
        }
    }

    private static void requireRate(String what, double lr) {
        if (!(lr >= 0 && Double.isFinite(lr))) {
            throw new IllegalArgumentException("learning rate " + what + " must be >= 0 and finite, got " + lr);
        }
    }

    private static void requireStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step index must be >= 0, got " + step);
        }
    }
}

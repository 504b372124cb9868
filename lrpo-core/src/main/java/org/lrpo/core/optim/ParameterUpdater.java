package org.lrpo.core.optim;

import java.util.Objects;
import java.util.Optional;

/**
 * One optimiser step as both the single-JVM pre-training loop (METHOD §7) and the Spark driver
 * (METHOD §6, after {@code treeAggregate} of the gradients) take it, on flat arrays:
 * <ol>
 *   <li>refuse a gradient with NaN or infinity: the step is skipped, nothing changes, and the result
 *       says so (the caller decides when too many skips mean divergence);</li>
 *   <li>clip the gradient to global L2 norm {@code maxGradNorm} ({@link GradientClipping});</li>
 *   <li>{@code lr = schedule.lr(s)} with {@code s} the number of steps taken so far;</li>
 *   <li>{@link AdamW#step};</li>
 *   <li>fold the new weights into the EMA, if one is kept.</li>
 * </ol>
 */
public final class ParameterUpdater {
    /** What one call did. {@code gradNorm} is the norm before clipping (non-finite when skipped). */
    public record Result(long stepsTaken, double lr, double gradNorm, boolean clipped, boolean skipped,
            int nonFiniteCount) {}

    private final AdamW adamW;
    private final LearningRateSchedule schedule;
    private final double maxGradNorm;
    private final Optional<Ema> ema;

    /**
     * @param maxGradNorm the clipping threshold, or {@code Double.POSITIVE_INFINITY} for no clipping
     */
    public ParameterUpdater(AdamW adamW, LearningRateSchedule schedule, double maxGradNorm, Optional<Ema> ema) {
        this.adamW = Objects.requireNonNull(adamW, "adamW");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.ema = Objects.requireNonNull(ema, "ema");
        if (!(maxGradNorm > 0)) {
            throw new IllegalArgumentException("max gradient norm must be positive (or infinite for none), got "
                    + maxGradNorm);
        }
        this.maxGradNorm = maxGradNorm;
        ema.ifPresent(e -> {
            if (e.size() != adamW.size()) {
                throw new IllegalArgumentException("EMA holds " + e.size()
                        + " values, the optimiser " + adamW.size());
            }
        });
    }

    public AdamW adamW() {
        return adamW;
    }

    public Optional<Ema> ema() {
        return ema;
    }

    /** Updates {@code params} in place from {@code grads} (which are clipped in place). */
    public Result apply(float[] params, float[] grads) {
        int nonFinite = GradientClipping.countNonFinite(grads);
        long s = adamW.stepCount();
        double lr = schedule.lr(s);
        if (nonFinite > 0) {
            return new Result(s, lr, GradientClipping.globalNorm(grads), false, true, nonFinite);
        }
        double norm;
        boolean clipped = false;
        if (Double.isInfinite(maxGradNorm)) {
            norm = GradientClipping.globalNorm(grads);
        } else {
            norm = GradientClipping.clipByGlobalNorm(grads, maxGradNorm);
            clipped = maxGradNorm / (norm + GradientClipping.TORCH_EPS) < 1.0;
        }
        adamW.step(params, grads, lr);
        ema.ifPresent(e -> e.update(params));
        return new Result(adamW.stepCount(), lr, norm, clipped, false, 0);
    }
}

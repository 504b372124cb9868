package org.lrpo.core.round;

import java.io.Serializable;
import java.util.Arrays;
import org.lrpo.core.lrpo.StepStatistics;

/**
 * The statistics of one optimiser update's samples, one {@link StepStatistics} per trained step it
 * covers. What a gradient shard sends back beside its gradient; shards of an update merge into the
 * update's statistics.
 *
 * @param stepIndices the update's trained steps
 * @param perStep the statistics of each, in {@code stepIndices} order
 */
public record UpdateStatistics(int[] stepIndices, StepStatistics[] perStep) implements Serializable {
    public UpdateStatistics {
        if (stepIndices.length != perStep.length) {
            throw new IllegalArgumentException(stepIndices.length + " steps but " + perStep.length + " statistics");
        }
    }

    /** No samples yet for {@code update}'s steps. */
    public static UpdateStatistics empty(OptimiserUpdate update) {
        StepStatistics[] none = new StepStatistics[update.stepIndices().length];
        Arrays.fill(none, StepStatistics.empty());
        return new UpdateStatistics(update.stepIndices().clone(), none);
    }

    /** These samples and {@code o}'s, which must be of the same steps. */
    public UpdateStatistics merge(UpdateStatistics o) {
        if (!Arrays.equals(stepIndices, o.stepIndices)) {
            throw new IllegalArgumentException("cannot merge statistics of steps " + Arrays.toString(stepIndices)
                    + " with those of steps " + Arrays.toString(o.stepIndices));
        }
        StepStatistics[] sum = new StepStatistics[perStep.length];
        for (int j = 0; j < sum.length; j++) {
            sum[j] = perStep[j].plus(o.perStep[j]);
        }
        return new UpdateStatistics(stepIndices, sum);
    }

    /** Samples per step (the same for every step of an update). */
    public int samples() {
        return perStep[0].samples();
    }
}

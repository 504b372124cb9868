package org.lrpo.core.round;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Which trained steps one optimiser update covers, and what each step's gradient is divided by before
 * they are added (1 per step; the step count when a micro-batch's steps are averaged).
 */
public record OptimiserUpdate(int[] stepIndices, int divisor) implements Serializable {
    public OptimiserUpdate {
        if (stepIndices.length == 0 || divisor < 1) {
            throw new IllegalArgumentException("an update needs steps and a divisor >= 1, got "
                    + Arrays.toString(stepIndices) + " / " + divisor);
        }
    }

    /** For progress text: "step 3" or "steps 0-8". */
    public String describe() {
        return stepIndices.length == 1 ? "step " + stepIndices[0]
                : "steps " + stepIndices[0] + "-" + stepIndices[stepIndices.length - 1];
    }
}

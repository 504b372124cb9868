package org.lrpo.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardedUpdaterTest {

    private static GuardedUpdater guarded(int maxInARow) {
        ParameterUpdater u = new ParameterUpdater(new AdamW(AdamW.Config.torchDefaults(), 2),
                LearningRateSchedule.constant(0.1, 0), 1.0, Optional.empty());
        return new GuardedUpdater(u, maxInARow, "lower lrpo.test.rate");
    }

    @Test
    void aNonFiniteUpdateIsSkippedAndLeavesTheWeights() {
        GuardedUpdater g = guarded(3);
        float[] w = {1f, 2f};
        assertTrue(g.apply(w, new float[] {Float.NaN, 1f}, "step 0").skipped());
        assertArrayEquals(new float[] {1f, 2f}, w, 0f);
        assertFalse(g.apply(w, new float[] {0.5f, 0.5f}, "step 1").skipped());
        assertTrue(w[0] < 1f && w[1] < 2f, "a finite update moves the weights");
    }

    @Test
    void theLimitInARowStopsTheRunWithWhereAndWhatToChange() {
        GuardedUpdater g = guarded(2);
        float[] w = {1f, 2f};
        g.apply(w, new float[] {Float.POSITIVE_INFINITY, 0f}, "round 4");
        g.apply(w, new float[] {0.1f, 0.1f}, "round 5");
        g.apply(w, new float[] {Float.NaN, 0f}, "round 6");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> g.apply(w, new float[] {Float.NaN, 0f}, "round 7"));
        assertTrue(e.getMessage().contains("2 updates in a row had NaN or Inf gradients (last at round 7)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("lower lrpo.test.rate"), e.getMessage());
    }
}

package org.lrpo.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void cosineWithWarmupHandWorked() {
        // peak 1, min 0.1, W = 4, S = 12: warm-up (s+1)/4, then p = (s-4)/8,
        // lr = 0.1 + 0.9 * (1 + cos(pi p)) / 2.
        LearningRateSchedule s = LearningRateSchedule.cosine(1.0, 0.1, 4, 12);
        assertEquals(0.25, s.lr(0), 1e-15);
        assertEquals(0.5, s.lr(1), 1e-15);
        assertEquals(1.0, s.lr(3), 1e-15);
        assertEquals(1.0, s.lr(4), 1e-15);               // p = 0
        assertEquals(0.868198051533946, s.lr(6), 1e-12);  // p = 1/4: 0.1 + 0.45 (1 + 0.7071067811865476)
        assertEquals(0.55, s.lr(8), 1e-12);               // p = 1/2
        assertEquals(0.231801948466054, s.lr(10), 1e-12); // p = 3/4: 0.1 + 0.45 (1 - 0.7071067811865476)
        assertEquals(0.1, s.lr(12), 1e-15);
        assertEquals(0.1, s.lr(1000), 1e-15);
    }

    @Test
    void cosineWithoutWarmupStartsAtPeak() {
        LearningRateSchedule s = LearningRateSchedule.cosine(2e-4, 0.0, 0, 100);
        assertEquals(2e-4, s.lr(0), 1e-18);
        assertEquals(1e-4, s.lr(50), 1e-18);
        assertEquals(0.0, s.lr(100), 0);
    }

    @Test
    void constantWithAndWithoutWarmup() {
        assertEquals(3e-4, LearningRateSchedule.constant(3e-4, 0).lr(0), 0);
        assertEquals(3e-4, LearningRateSchedule.constant(3e-4, 0).lr(1_000_000), 0);
        LearningRateSchedule w = LearningRateSchedule.constant(1.0, 2);
        assertEquals(0.5, w.lr(0), 0);
        assertEquals(1.0, w.lr(1), 0);
        assertEquals(1.0, w.lr(2), 0);
    }

    @Test
    void invalidSchedulesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(1, 2, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(1, 0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(1, 0).lr(-1));
    }
}

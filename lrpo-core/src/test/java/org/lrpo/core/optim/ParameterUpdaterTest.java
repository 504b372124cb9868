package org.lrpo.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lrpo.core.random.Seeds;

class ParameterUpdaterTest {
    @Test
    void equalsTheStepsDoneByHandAndSkipsNonFiniteGradients() {
        SplittableRandom r = Seeds.stream(9, "test-updater");
        float[] init = AdamWTest.draw(r, 30, 1);
        AdamW.Config cfg = new AdamW.Config(0.9, 0.999, 1e-8, 0.05);
        LearningRateSchedule schedule = LearningRateSchedule.cosine(1e-2, 1e-3, 2, 10);
        ParameterUpdater updater = new ParameterUpdater(new AdamW(cfg, 30), schedule, 1.0,
                Optional.of(new Ema(0.9, init)));

        float[] p = init.clone();
        float[] byHand = init.clone();
        AdamW manual = new AdamW(cfg, 30);
        Ema manualEma = new Ema(0.9, init);
        for (int s = 0; s < 5; s++) {
            float[] g = AdamWTest.draw(r, 30, s == 2 ? 0.01 : 2.0);
            if (s == 3) {
                float[] bad = g.clone();
                bad[7] = Float.NaN;
                bad[8] = Float.POSITIVE_INFINITY;
                float[] before = p.clone();
                ParameterUpdater.Result skipped = updater.apply(p, bad);
                assertTrue(skipped.skipped());
                assertEquals(2, skipped.nonFiniteCount());
                assertArrayEquals(before, p);
            }
            float[] gm = g.clone();
            double norm = GradientClipping.clipByGlobalNorm(gm, 1.0);
            manual.step(byHand, gm, schedule.lr(manual.stepCount()));
            manualEma.update(byHand);

            ParameterUpdater.Result res = updater.apply(p, g);
            assertFalse(res.skipped());
            assertEquals(norm, res.gradNorm(), 0);
            assertEquals(s != 2, res.clipped(), "step " + s + " norm " + norm);
            assertEquals(s + 1, res.stepsTaken());
            assertEquals(schedule.lr(s), res.lr(), 0);
            assertArrayEquals(byHand, p, 0f);
        }
        assertArrayEquals(manualEma.shadow(), updater.ema().orElseThrow().shadow(), 0f);
    }
}

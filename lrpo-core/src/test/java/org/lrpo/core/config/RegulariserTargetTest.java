package org.lrpo.core.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lrpo.core.diffusion.DdimTimesteps;
import org.lrpo.core.diffusion.GaussianNoise;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.random.Seeds;

class RegulariserTargetTest {
    private static final DdimTimesteps STEPS = NoiseSchedule.stableDiffusion().ddim(10);
    private static final float[] GT = {0.5f, -0.25f, 1.0f, -1.0f, 0.0f, 0.75f};

    @Test
    void marginalIsTheSchedulesMarginalAtTPrev() {
        int k = 7;
        float[] n = GaussianNoise.draw(Seeds.stream(3, RegulariserTarget.DOMAIN, 4, 5, 6, k), GT.length);
        double a = Math.sqrt(STEPS.alphaBarPrev(k));
        double b = Math.sqrt(1 - STEPS.alphaBarPrev(k));
        float[] expected = new float[GT.length];
        for (int j = 0; j < GT.length; j++) {
            expected[j] = (float) (a * GT[j] + b * n[j]);
        }
        assertArrayEquals(expected, RegulariserTarget.MARGINAL.target(GT, STEPS, k, 3, 4, 5, 6), 0f);
    }

    @Test
    void compoundedFollowsTheAuthorsRecursion() {
        // K = 10 steps, step k = 6 (descending) has t_prev = tau_7, ascending index i = K - 2 - k = 2:
        // C_0 = a(tau asc 0) gt + ..., C_1 = ..., C_2 = ..., with tau ascending = descending index K-1-i.
        int k = 6;
        double[] c = new double[GT.length];
        for (int j = 0; j < c.length; j++) {
            c[j] = GT[j];
        }
        for (int i = 0; i <= 2; i++) {
            double abar = STEPS.alphaBar(9 - i);
            float[] n = GaussianNoise.draw(Seeds.stream(3, RegulariserTarget.DOMAIN + "-compounded", 4, 5, 6, i),
                    GT.length);
            for (int j = 0; j < c.length; j++) {
                c[j] = Math.sqrt(abar) * c[j] + Math.sqrt(1 - abar) * n[j];
            }
        }
        float[] expected = new float[GT.length];
        for (int j = 0; j < c.length; j++) {
            expected[j] = (float) c[j];
        }
        assertArrayEquals(expected, RegulariserTarget.COMPOUNDED.target(GT, STEPS, k, 3, 4, 5, 6), 0f);
    }

    @Test
    void theLastStepIsNotTrainedSoHasNoTarget() {
        assertThrows(IllegalArgumentException.class, () -> RegulariserTarget.MARGINAL.target(GT, STEPS, 9, 3));
    }
}

package org.lrpo.core.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lrpo.core.testing.PythonReference;

class NoiseScheduleTest {
    private final NoiseSchedule schedule = NoiseSchedule.stableDiffusion();

    @Test
    void fiftyStepsAre981DownTo1() {
        DdimTimesteps steps = schedule.ddim(50);
        int[] tau = steps.timesteps();
        assertEquals(50, tau.length);
        assertArrayEquals(new int[] {981, 961, 941, 921}, java.util.Arrays.copyOf(tau, 4));
        assertArrayEquals(new int[] {61, 41, 21, 1}, java.util.Arrays.copyOfRange(tau, 46, 50));
        for (int k = 1; k < 50; k++) {
            assertEquals(20, tau[k - 1] - tau[k], "spacing at " + k);
        }
        assertEquals(schedule.alphaBar(961), steps.alphaBarPrev(0));
        assertEquals(schedule.alphaBar(1), steps.alphaBarPrev(48));
        // The last step's previous level is abar_0, the schedule's first entry.
        assertEquals(schedule.alphaBar(0), steps.alphaBarPrev(49));
    }

    @Test
    void alphaBarByHand() {
        // abar_0 = 1 - beta_0 = 1 - 0.00085; abar_1 = abar_0 * (1 - beta_1),
        // beta_1 = (sqrt(0.00085) + (sqrt(0.012) - sqrt(0.00085)) / 999)^2.
        assertEquals(1 - 0.00085, schedule.alphaBar(0), 1e-15);
        double s1 = Math.sqrt(0.00085) + (Math.sqrt(0.012) - Math.sqrt(0.00085)) / 999;
        assertEquals((1 - 0.00085) * (1 - s1 * s1), schedule.alphaBar(1), 1e-15);
        assertEquals(0.012, schedule.beta(999), 1e-15);
    }

    @Test
    void matchesTorchFloat64() throws Exception {
        int[] ts = {0, 1, 20, 499, 961, 981, 999};
        String[] args = new String[ts.length + 1];
        Path out = Files.createTempDirectory("sched").resolve("out.f64");
        args[0] = out.toString();
        for (int i = 0; i < ts.length; i++) {
            args[i + 1] = Integer.toString(ts[i]);
        }
        PythonReference.run("schedule_reference.py", args);
        double[] ref = PythonReference.readDoubles(out);
        for (int i = 0; i < ts.length; i++) {
            assertEquals(ref[i], schedule.alphaBar(ts[i]), 1e-12, "abar at t = " + ts[i]);
        }
        DdimTimesteps steps = schedule.ddim(50);
        for (int k = 0; k < 50; k++) {
            int o = ts.length + 3 * k;
            assertEquals((int) ref[o], steps.timestep(k), "tau_" + k);
            assertEquals(ref[o + 1], steps.alphaBarPrev(k), 1e-12, "abar_prev at step " + k);
            assertEquals(ref[o + 2], steps.sigma(k, 1.0), 1e-12, "sigma at step " + k);
            assertEquals(0.8 * ref[o + 2], steps.sigma(k, 0.8), 1e-12, "sigma(eta 0.8) at step " + k);
        }
        // METHOD.md section 5: w_k = sigma_k / mean sigma spans about 1.6x down to about 0.1x.
        double mean = 0;
        for (int k = 0; k < 50; k++) {
            mean += steps.sigma(k, 1.0) / 50;
        }
        assertEquals(1.60, steps.sigma(0, 1.0) / mean, 0.01);
        assertEquals(0.073, steps.sigma(49, 1.0) / mean, 0.001);
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("DDIM steps K must be in [1, 999], got 0",
                assertThrows(IllegalArgumentException.class, () -> schedule.ddim(0)).getMessage());
        assertEquals("timestep 1000 outside [0, 1000)",
                assertThrows(IllegalArgumentException.class, () -> schedule.alphaBar(1000)).getMessage());
        assertEquals("need 0 < betaStart < betaEnd < 1, got betaStart=0.1, betaEnd=0.01",
                assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.scaledLinear(10, 0.1, 0.01))
                        .getMessage());
        assertEquals("eta must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> schedule.ddim(5).sigma(0, -1)).getMessage());
    }
}

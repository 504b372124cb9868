package org.lrpo.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.testing.PythonReference;

class AdamWTest {
    private static final int DECAYED = 40;
    private static final int UNDECAYED = 24;
    private static final int STEPS = 6;
    /** Largest relative error accepted against torch, |java - torch| / |torch| per element (measured: 6.3e-8). */
    private static final double REL_TOL = 1e-6;
    /** Only guards the division: an expected 0 must be matched (almost) exactly. */
    private static final double FLOOR = Float.MIN_VALUE;

    static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static float[] draw(SplittableRandom r, int n, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return out;
    }

    /** Max of |a - e| / max(|e|, FLOOR) over the arrays. */
    static double maxRelError(float[] actual, float[] expected) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double err = Math.abs((double) actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), FLOOR);
            worst = Math.max(worst, err);
        }
        return worst;
    }

    @Test
    void matchesTorchAdamWOverSeveralStepsWithWeightDecayAndAnUndecayedGroup() throws Exception {
        SplittableRandom r = Seeds.stream(7, "test-adamw");
        float[] params = draw(r, DECAYED + UNDECAYED, 1.0);
        // Gradients of very different scales per step, one with a zero, so bias correction and eps matter.
        double[] gradScales = {1.0, 0.01, 3.0, 1e-4, 0.5, 2.0};
        double[] lrs = {1e-2, 5e-3, 2e-2, 1e-3, 1e-2, 7e-3};
        List<float[]> grads = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            float[] g = draw(r, DECAYED + UNDECAYED, gradScales[s]);
            if (s == 1) {
                g[3] = 0f;
            }
            grads.add(g);
        }
        AdamW.Config config = new AdamW.Config(0.9, 0.95, 1e-6, 0.1);

        Map<String, Object> req = new LinkedHashMap<>();
        req.put("betas", new double[] {config.beta1(), config.beta2()});
        req.put("eps", config.eps());
        req.put("weight_decay", config.weightDecay());
        req.put("lrs", lrs);
        req.put("params_decay", toDoubles(java.util.Arrays.copyOfRange(params, 0, DECAYED)));
        req.put("params_nodecay", toDoubles(java.util.Arrays.copyOfRange(params, DECAYED, DECAYED + UNDECAYED)));
        List<double[]> gd = new ArrayList<>();
        List<double[]> gn = new ArrayList<>();
        for (float[] g : grads) {
            gd.add(toDoubles(java.util.Arrays.copyOfRange(g, 0, DECAYED)));
            gn.add(toDoubles(java.util.Arrays.copyOfRange(g, DECAYED, DECAYED + UNDECAYED)));
        }
        req.put("grads_decay", gd);
        req.put("grads_nodecay", gn);
        JsonNode torch = PythonReference.runJson("optim_reference.py", Map.of("adamw", req)).get("adamw");

        ParameterLayout layout = ParameterLayout.builder().add("conv.weight", 5, 2, 2, 2).add("conv.bias", 24).build();
        boolean[] mask = layout.mask(name -> name.endsWith(".weight"));
        AdamW opt = new AdamW(config, mask);
        float[] p = params.clone();
        double worst = 0;
        for (int s = 0; s < STEPS; s++) {
            opt.step(p, grads.get(s).clone(), lrs[s]);
            float[] expected = PythonReference.floats(torch.get("params").get(s));
            double err = maxRelError(p, expected);
            worst = Math.max(worst, err);
            assertTrue(err <= REL_TOL, "step " + (s + 1) + ": relative error " + err + " vs torch");
        }
        AdamWState state = opt.exportState();
        assertEquals(torch.get("step").asLong(), state.step());
        double errM = maxRelError(state.m(), PythonReference.floats(torch.get("exp_avg")));
        double errV = maxRelError(state.v(), PythonReference.floats(torch.get("exp_avg_sq")));
        assertTrue(errM <= REL_TOL, "exp_avg relative error " + errM);
        assertTrue(errV <= REL_TOL, "exp_avg_sq relative error " + errV);
        System.out.printf("AdamW vs torch %s: max rel error params %.3g, m %.3g, v %.3g%n",
                torch.get("torch_version").asText(), worst, errM, errV);
    }

    @Test
    void restoredStateContinuesBitIdentically() {
        SplittableRandom r = Seeds.stream(7, "test-adamw-resume");
        float[] p = draw(r, 50, 1);
        List<float[]> grads = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            grads.add(draw(r, 50, 1));
        }
        AdamW.Config config = AdamW.Config.torchDefaults();
        AdamW straight = new AdamW(config, 50);
        float[] p1 = p.clone();
        for (float[] g : grads) {
            straight.step(p1, g, 1e-3);
        }
        AdamW first = new AdamW(config, 50);
        float[] p2 = p.clone();
        first.step(p2, grads.get(0), 1e-3);
        first.step(p2, grads.get(1), 1e-3);
        AdamW resumed = new AdamW(config, 50);
        resumed.restore(first.exportState());
        resumed.step(p2, grads.get(2), 1e-3);
        resumed.step(p2, grads.get(3), 1e-3);
        assertArrayEquals(p1, p2);
        assertEquals(4, resumed.stepCount());
    }

    @Test
    void firstStepMovesEachParameterByAboutLrAgainstTheGradientSign() {
        // Hand-worked: at t = 1, m_hat = g and sqrt(v_hat) = |g|, so the step is lr * g / (|g| + eps).
        AdamW opt = new AdamW(new AdamW.Config(0.9, 0.999, 1e-8, 0.0), 2);
        float[] p = {1.0f, -2.0f};
        opt.step(p, new float[] {0.5f, -4.0f}, 0.1);
        assertEquals(0.9f, p[0], 1e-6f);
        assertEquals(-1.9f, p[1], 1e-6f);
    }

    @Test
    void nonFiniteGradientIsRejectedAndChangesNothing() {
        AdamW opt = new AdamW(AdamW.Config.torchDefaults(), 3);
        float[] p = {1, 2, 3};
        NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class,
                () -> opt.step(p, new float[] {0, Float.NaN, 0}, 1e-3));
        assertEquals(1, e.flatIndex());
        assertArrayEquals(new float[] {1, 2, 3}, p);
        assertEquals(0, opt.stepCount());
    }

    @Test
    void badHyperParametersAndSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AdamW.Config(1.0, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamW.Config(0.9, 0.999, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamW.Config(0.9, 0.999, 1e-8, -1));
        AdamW opt = new AdamW(AdamW.Config.torchDefaults(), 3);
        assertThrows(IllegalArgumentException.class, () -> opt.step(new float[3], new float[2], 1e-3));
        assertThrows(IllegalArgumentException.class, () -> opt.step(new float[3], new float[3], Double.NaN));
    }
}

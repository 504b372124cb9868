package org.lrpo.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.testing.PythonReference;

class GradientClippingTest {
    private static final int[] SIZES = {12, 5, 30};

    @Test
    void matchesTorchClipGradNormIncludingItsEpsilon() throws Exception {
        SplittableRandom r = Seeds.stream(11, "test-clip");
        List<float[]> cases = new ArrayList<>();
        cases.add(AdamWTest.draw(r, 47, 3.0));   // norm ~11: clipped to 1
        cases.add(AdamWTest.draw(r, 47, 0.01));  // norm ~0.04: untouched
        cases.add(new float[47]);                // zero gradient: norm 0, untouched
        float[] exact = AdamWTest.draw(r, 47, 1.0);
        float scale = (float) (1.0 / GradientClipping.globalNorm(exact));
        for (int i = 0; i < exact.length; i++) {
            exact[i] *= scale;                   // norm ~1 = maxNorm: torch still shrinks by 1/(1+1e-6)
        }
        cases.add(exact);
        float[] small = exact.clone();
        for (int i = 0; i < small.length; i++) {
            small[i] *= 2e-3f;                   // norm ~2e-3 against maxNorm 1e-3: the 1e-6 shifts the factor by 5e-4
        }
        cases.add(small);
        double[] maxNorms = {1.0, 1.0, 1.0, 1.0, 1e-3};

        List<Map<String, Object>> req = new ArrayList<>();
        for (int k = 0; k < cases.size(); k++) {
            float[] g = cases.get(k);
            List<double[]> tensors = new ArrayList<>();
            int off = 0;
            for (int n : SIZES) {
                tensors.add(AdamWTest.toDoubles(Arrays.copyOfRange(g, off, off + n)));
                off += n;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("grads", tensors);
            c.put("max_norm", maxNorms[k]);
            req.add(c);
        }
        JsonNode torch = PythonReference.runJson("optim_reference.py", Map.of("clip", req)).get("clip");
        for (int k = 0; k < cases.size(); k++) {
            float[] g = cases.get(k).clone();
            double norm = GradientClipping.clipByGlobalNorm(g, maxNorms[k]);
            double torchNorm = torch.get(k).get("norm").asDouble();
            assertEquals(torchNorm, norm, 1e-6 * Math.max(torchNorm, 1e-3), "case " + k + " norm");
            float[] expected = PythonReference.floats(torch.get(k).get("grads"));
            double err = AdamWTest.maxRelError(g, expected);
            assertTrue(err <= 1e-6, "case " + k + ": clipped gradients differ from torch by " + err);
        }
    }

    @Test
    void nonFiniteGradientLeavesValuesAloneAndIsNamed() {
        ParameterLayout layout = ParameterLayout.builder().add("conv.weight", 2, 3).add("conv.bias", 2, 2).build();
        float[] g = {1, 2, 3, 4, 5, 6, 0, 0, 0, Float.POSITIVE_INFINITY};
        float[] before = g.clone();
        double norm = GradientClipping.clipByGlobalNorm(g, 1.0);
        assertTrue(Double.isInfinite(norm));
        assertArrayEquals(before, g);
        assertEquals(9, GradientClipping.firstNonFinite(g));
        assertEquals(1, GradientClipping.countNonFinite(g));
        NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class,
                () -> GradientClipping.requireFinite(g, layout));
        assertTrue(e.getMessage().contains("conv.bias[1,1]"), e.getMessage());
        g[9] = Float.NaN;
        assertTrue(Double.isNaN(GradientClipping.clipByGlobalNorm(g, 1.0)));
        assertEquals(-1, GradientClipping.firstNonFinite(new float[] {0, -1e30f, 1e30f}));
    }

    @Test
    void handWorkedClip() {
        // |(3, 4)| = 5; factor 2 / (5 + 1e-6).
        float[] g = {3, 4};
        assertEquals(5.0, GradientClipping.clipByGlobalNorm(g, 2.0), 0);
        assertEquals((float) (3 * 2 / (5 + 1e-6)), g[0], 0f);
        assertEquals((float) (4 * 2 / (5 + 1e-6)), g[1], 0f);
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByGlobalNorm(g, 0));
    }
}

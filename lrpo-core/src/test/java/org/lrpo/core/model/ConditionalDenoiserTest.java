package org.lrpo.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lrpo.core.random.Seeds;

class ConditionalDenoiserTest {
    /** A 16x16 policy: the same code as the default, small enough for a unit test. */
    static PolicyConfig tiny() {
        return PolicyConfig.builder().resolution(16).baseChannels(8).channelMultipliers(1, 2)
                .groupNormGroups(4).timeEmbeddingDim(16).build();
    }

    static NDArray gaussian(NDManager m, String domain, int b, PolicyConfig c) {
        int n = b * c.elementsPerImage();
        float[] v = new float[n];
        SplittableRandom rng = Seeds.stream(11L, domain);
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return m.create(v, new Shape(b, c.imageChannels(), c.resolution(), c.resolution()));
    }

    @Test
    void freshControlBranchLeavesBaseOutputExactlyUnchanged() {
        PolicyConfig c = tiny();
        try (ConditionalDenoiser policy = ConditionalDenoiser.create(c, Device.cpu(), 1L);
                NDManager scope = policy.manager().newSubManager();
                NoGrad ignored = NoGrad.open()) {
            NDArray xt = gaussian(scope, "xt", 3, c);
            NDArray lq = gaussian(scope, "lq", 3, c);
            int[] t = {981, 501, 1};
            float[] baseOnly = policy.predictNoiseBaseOnly(xt, t).toFloatArray();
            float[] withControl = policy.predictNoise(xt, t, lq).toFloatArray();
            assertArrayEquals(baseOnly, withControl, 0f, "a zero-initialised control branch must add exact zeros");

            // The comparison is not vacuous: once a zero convolution is non-zero, the LQ image matters.
            Parameter zero = policy.parameters().get("control.zero0.weight");
            zero.getArray().addi(0.05f);
            float[] perturbed = policy.predictNoise(xt, t, lq).toFloatArray();
            double diff = 0;
            for (int i = 0; i < perturbed.length; i++) {
                diff += Math.abs(perturbed[i] - baseOnly[i]);
            }
            assertTrue(diff > 1e-3, "control residual had no effect: " + diff);
        }
    }

    @Test
    void sameSeedSameWeightsAndBaseIndependentOfSeedStream() {
        PolicyConfig c = tiny();
        try (ConditionalDenoiser a = ConditionalDenoiser.create(c, Device.cpu(), 5L);
                ConditionalDenoiser b = ConditionalDenoiser.create(c, Device.cpu(), 5L);
                ConditionalDenoiser other = ConditionalDenoiser.create(c, Device.cpu(), 6L)) {
            String name = "base.encoder.l0res0.conv1.weight";
            assertArrayEquals(a.parameters().get(name).getArray().toFloatArray(),
                    b.parameters().get(name).getArray().toFloatArray(), 0f);
            assertFalse(java.util.Arrays.equals(a.parameters().get(name).getArray().toFloatArray(),
                    other.parameters().get(name).getArray().toFloatArray()));
            float[] zeros = a.parameters().get("control.zero2.weight").getArray().toFloatArray();
            for (float z : zeros) {
                assertEquals(0f, z);
            }
        }
    }

    @Test
    void parametersAreGroupedAndNamedStably() {
        try (ConditionalDenoiser p = ConditionalDenoiser.create(tiny(), Device.cpu(), 1L)) {
            Map<String, Parameter> all = p.parameters();
            List<String> names = List.copyOf(all.keySet());
            assertEquals("base.time.linear1.weight", names.get(0));
            assertTrue(names.contains("base.decoder.outConv.bias"));
            assertTrue(names.contains("control.encoder.stem.weight"));
            assertTrue(names.contains("base.encoder.l1res0.skip.weight"), names.toString());
            // control stem reads concat(x_t, lq): 6 input channels.
            assertEquals(new Shape(8, 6, 3, 3), all.get("control.encoder.stem.weight").getShape());
            assertEquals(p.parameterCount(),
                    p.parameterCount(ParameterGroup.BASE) + p.parameterCount(ParameterGroup.CONTROL));
            assertEquals(all.size(), p.parameters(ParameterGroup.BASE).size()
                    + p.parameters(ParameterGroup.CONTROL).size());
            assertThrows(IllegalArgumentException.class, () -> ParameterGroup.of("head.weight"));
        }
    }

    @Test
    void controlOnlyTrainingGivesGradientsToControlAndNoneToBase() {
        PolicyConfig c = tiny();
        try (ConditionalDenoiser policy = ConditionalDenoiser.create(c, Device.cpu(), 1L);
                NDManager scope = policy.manager().newSubManager()) {
            policy.setTrainable(TrainableSet.CONTROL_ONLY);
            assertEquals(policy.parameters(ParameterGroup.CONTROL).keySet(), policy.trainableParameters().keySet());
            NDArray xt = gaussian(scope, "xt", 2, c);
            NDArray lq = gaussian(scope, "lq", 2, c);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray eps = policy.predictNoise(xt, new int[] {500, 20}, lq);
                gc.backward(eps.square().mean());
            }
            for (var e : policy.parameters().entrySet()) {
                NDArray w = e.getValue().getArray();
                if (e.getKey().startsWith("base.")) {
                    assertFalse(w.hasGradient(), e.getKey() + " is frozen but records a gradient");
                }
            }
            // The zero convolutions see non-zero features, so they get a gradient at once (ControlNet).
            try (NDArray g = policy.parameters().get("control.zero0.weight").getArray().getGradient()) {
                assertTrue(g.abs().sum().getFloat() > 0f);
                policy.zeroGradients();
                assertEquals(0f, g.abs().sum().getFloat());
            }
        }
    }

    @Test
    void reloadedWeightsAreTrainableAgainAfterSetTrainable() throws Exception {
        PolicyConfig c = tiny();
        try (ConditionalDenoiser a = ConditionalDenoiser.create(c, Device.cpu(), 1L);
                ConditionalDenoiser b = ConditionalDenoiser.create(c, Device.cpu(), 2L);
                NDManager scope = b.manager().newSubManager()) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            a.block().saveParameters(new java.io.DataOutputStream(bytes));
            b.block().loadParameters(b.manager(), new java.io.DataInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray())));
            String name = "control.encoder.l0res0.conv1.weight";
            assertArrayEquals(a.parameters().get(name).getArray().toFloatArray(),
                    b.parameters().get(name).getArray().toFloatArray(), 0f);
            // loadParameters replaced the arrays and dropped requiresGradient (FINDINGS.md); re-apply it.
            b.setTrainable(TrainableSet.CONTROL_ONLY);
            NDArray xt = gaussian(scope, "xt", 2, c);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(b.predictNoise(xt, new int[] {900, 3}, xt).square().mean());
            }
            try (NDArray g = b.parameters().get("control.zero1.weight").getArray().getGradient()) {
                assertTrue(g.abs().sum().getFloat() > 0f);
            }
            b.zeroGradients();
        }
    }

    @Test
    void rejectsWrongShapes() {
        PolicyConfig c = tiny();
        try (ConditionalDenoiser policy = ConditionalDenoiser.create(c, Device.cpu(), 1L);
                NDManager scope = policy.manager().newSubManager()) {
            NDArray xt = gaussian(scope, "xt", 2, c);
            NDArray small = scope.zeros(new Shape(2, 3, 8, 8));
            var e = assertThrows(IllegalArgumentException.class, () -> policy.predictNoise(xt, new int[] {1, 2}, small));
            assertEquals("lq must be [B, 3, 16, 16], got (2, 3, 8, 8)", e.getMessage());
            var e2 = assertThrows(IllegalArgumentException.class, () -> policy.predictNoise(xt, new int[] {1}, xt));
            assertEquals("t must be [2] (one timestep per sample), got (1)", e2.getMessage());
        }
    }
}

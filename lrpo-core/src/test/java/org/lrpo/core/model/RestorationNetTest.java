package org.lrpo.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.train.NetworkParameters;

class RestorationNetTest {

    @BeforeAll
    static void start() {
        TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);
    }

    /** Values uniform in [-1, 1] (model space), seeded. */
    static NDArray uniform(NDManager m, long seed, Shape shape) {
        float[] v = new float[Math.toIntExact(shape.size())];
        SplittableRandom rng = Seeds.stream(seed, "restoration-net-test");
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return m.create(v, shape);
    }

    /** Overwrites every weight (tail included) with seeded values of about the initial scale. */
    static void randomise(RestorationNet net, long seed, float scale) {
        NetworkParameters p = new NetworkParameters(net);
        float[] v = new float[p.allLayout().totalSize()];
        SplittableRandom rng = Seeds.stream(seed, "restoration-net-test-weights");
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * rng.nextDouble() - 1) * scale);
        }
        p.writeAll(ParameterSet.wrap(p.allLayout(), v));
    }

    @Test
    void anySizeInGivesTheSameSizeOut() {
        try (RestorationNet net = RestorationNet.create(RestorationConfig.rgb(8, 2), Device.cpu(), 1);
                NDManager m = net.manager().newSubManager();
                NoGrad ignored = NoGrad.open()) {
            randomise(net, 1, 0.2f);
            for (Shape s : List.of(new Shape(1, 3, 17, 29), new Shape(2, 3, 32, 32), new Shape(1, 3, 1, 5))) {
                NDArray y = net.forward(uniform(m, 2, s));
                assertEquals(s, y.getShape(), "output shape for input " + s);
            }
        }
    }

    @Test
    void aFreshNetworkIsExactlyTheIdentity() {
        try (RestorationNet net = RestorationNet.create(RestorationConfig.rgb(8, 2), Device.cpu(), 7);
                NDManager m = net.manager().newSubManager();
                NoGrad ignored = NoGrad.open()) {
            for (Shape s : List.of(new Shape(1, 3, 17, 29), new Shape(2, 3, 32, 32))) {
                NDArray x = uniform(m, 3, s);
                assertArrayEquals(x.toFloatArray(), net.forward(x).toFloatArray(), 0f, "R(x) = x bit for bit, " + s);
            }
            // Not vacuous: the head and blocks are random, only the tail starts at zero; once it is not,
            // the output moves.
            assertTrue(maxAbs(net.parameters().get("stage1.head.weight").getArray().toFloatArray()) > 0.01);
            net.parameters().get("stage1.tail.bias").getArray().addi(0.25f);
            NDArray x = uniform(m, 3, new Shape(1, 3, 8, 8));
            float[] y = net.forward(x).toFloatArray();
            float[] in = x.toFloatArray();
            for (int i = 0; i < y.length; i++) {
                assertEquals(in[i] + 0.25f, y[i], 1e-6, "tail bias 0.25 shifts every value, index " + i);
            }
        }
    }

    @Test
    void parametersAreNamedStage1AndCountedByHand() {
        // channels 4, one block: head 3->4, block0.conv1 4->4, block0.conv2 4->4, tail 4->3; all 3x3 with bias.
        try (RestorationNet net = RestorationNet.create(RestorationConfig.rgb(4, 1), Device.cpu(), 1)) {
            Map<String, Parameter> p = net.parameters();
            for (String name : p.keySet()) {
                assertTrue(name.startsWith("stage1."), name);
            }
            assertEquals(List.of("stage1.head.weight", "stage1.head.bias",
                    "stage1.block0.conv1.weight", "stage1.block0.conv1.bias",
                    "stage1.block0.conv2.weight", "stage1.block0.conv2.bias",
                    "stage1.tail.weight", "stage1.tail.bias"), List.copyOf(p.keySet()));
            assertEquals(new Shape(4, 3, 3, 3), p.get("stage1.head.weight").getArray().getShape());
            assertEquals(new Shape(3, 4, 3, 3), p.get("stage1.tail.weight").getArray().getShape());
            long head = 4 * 3 * 9 + 4;
            long block = 2 * (4 * 4 * 9 + 4);
            long tail = 3 * 4 * 9 + 3;
            assertEquals(head + block + tail, net.parameterCount());
            assertEquals(519, net.parameterCount());
            assertEquals(519, new NetworkParameters(net).allLayout().totalSize());
        }
        // The default shape (32 channels, 4 blocks): 3->32, 8 convs 32->32, 32->3.
        try (RestorationNet net = RestorationNet.create(RestorationConfig.rgb(32, 4), Device.cpu(), 1)) {
            assertEquals((32 * 3 * 9 + 32) + 8 * (32 * 32 * 9 + 32) + (3 * 32 * 9 + 3), net.parameterCount());
            assertEquals(2 + 2 + 4 * 4, net.parameters().size());
        }
    }

    @Test
    void freezeLeavesNothingTrainableAndStaysFrozen() {
        try (RestorationNet net = RestorationNet.create(RestorationConfig.rgb(4, 1), Device.cpu(), 1)) {
            assertFalse(net.frozen());
            assertEquals(net.parameters().keySet(), net.trainableParameters().keySet());
            net.parameters().values().forEach(p -> assertTrue(p.getArray().hasGradient(), p.getName()));

            assertTrue(net.freeze() == net, "freeze returns the network");
            assertTrue(net.frozen());
            assertTrue(net.trainableParameters().isEmpty());
            assertEquals(0, new NetworkParameters(net).trainableLayout().totalSize());
            assertNoGradients(net);

            net.refreshGradientFlags();
            assertTrue(net.trainableParameters().isEmpty());
            assertNoGradients(net);

            // Writing weights (what loading a checkpoint does) re-applies the flags: still frozen.
            randomise(net, 5, 0.1f);
            assertTrue(net.trainableParameters().isEmpty());
            assertNoGradients(net);
            assertEquals(8, net.parameters().size(), "frozen, the weights are all still there");
        }
    }

    @Test
    void rejectsTheWrongChannelCountWithAClearMessage() {
        try (RestorationNet net = RestorationNet.create(RestorationConfig.rgb(4, 1), Device.cpu(), 1);
                NDManager m = net.manager().newSubManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.forward(m.zeros(new Shape(1, 1, 8, 8))));
            assertEquals("input must be [B, 3, H, W], got (1, 1, 8, 8)", e.getMessage());
            IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                    () -> net.forward(m.zeros(new Shape(3, 8, 8))));
            assertTrue(rank.getMessage().startsWith("input must be [B, 3, H, W]"), rank.getMessage());
        }
    }

    @Test
    void configRejectsNonsenseAndReportsTheReceptiveRadius() {
        assertEquals(2, RestorationConfig.rgb(8, 0).receptiveRadius());
        assertEquals(10, RestorationConfig.rgb(8, 4).receptiveRadius());
        assertThrows(IllegalArgumentException.class, () -> RestorationConfig.rgb(0, 1));
        assertThrows(IllegalArgumentException.class, () -> RestorationConfig.rgb(8, -1));
        assertThrows(IllegalArgumentException.class, () -> new RestorationConfig(0, 8, 1));
    }

    private static void assertNoGradients(RestorationNet net) {
        for (Map.Entry<String, Parameter> e : net.parameters().entrySet()) {
            assertFalse(e.getValue().requiresGradient(), e.getKey() + " requires a gradient");
            assertFalse(e.getValue().getArray().hasGradient(), e.getKey() + "'s array requires a gradient");
        }
    }

    private static float maxAbs(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}

package org.lrpo.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lrpo.core.random.Seeds;

/**
 * The DJL bridge on a real PyTorch-engine block (two Linear layers, not the UNet): weights written
 * from a {@link ParameterSet} read back bit-identical, keep their gradient flag, and the gradients read
 * back equal the hand-derived ones.
 */
class DjlParametersTest {
    private static final float[] X = {1f, 2f, -1f, 0.5f, 0f, 3f}; // batch 2, 3 features

    private static Block net(NDManager manager) {
        Block block = new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(Linear.builder().setUnits(1).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(2, 3));
        return block;
    }

    /** loss = sum over the batch of the output; backward with a fresh collector. */
    private static void backward(NDManager manager, Block block) {
        try (NDManager sub = manager.newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = sub.create(X, new Shape(2, 3));
            NDArray y = block.forward(new ParameterStore(sub, false), new NDList(x), true).singletonOrThrow();
            gc.backward(y.sum());
        }
    }

    @Test
    void writeReadAndGradientsOnARealBlock() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = net(manager);
            ParameterLayout layout = DjlParameters.layoutOf(block);
            assertEquals(4, layout.tensorCount(), layout.toString());
            assertEquals(3 * 4 + 4 + 4 + 1, layout.totalSize());

            SplittableRandom r = Seeds.stream(3, "test-djl-params");
            ParameterSet values = ParameterSet.zeros(layout);
            for (int i = 0; i < values.flat().length; i++) {
                values.flat()[i] = (float) r.nextGaussian();
            }
            DjlParameters.write(values, block);
            assertTrue(values.bitwiseEquals(DjlParameters.read(block, layout)), "weights read back differ");
            for (var p : block.getParameters()) {
                assertTrue(p.getValue().getArray().hasGradient(), p.getKey() + " lost its gradient flag");
            }

            // Hand-derived gradients of L = sum_b (W2 (W1 x_b + b1) + b2):
            // dL/db2 = B, dL/dW2[0,j] = sum_b h_bj, dL/db1[j] = B W2[0,j], dL/dW1[j,k] = W2[0,j] sum_b x_bk.
            ParameterLayout.Entry w1 = layout.entries().stream().filter(e -> e.size() == 12).findFirst().orElseThrow();
            ParameterLayout.Entry b1 = layout.entries().stream().filter(e -> e.size() == 4 && e.shape().length == 1)
                    .findFirst().orElseThrow();
            ParameterLayout.Entry w2 = layout.entries().stream().filter(e -> e.size() == 4 && e.shape().length == 2)
                    .findFirst().orElseThrow();
            ParameterLayout.Entry b2 = layout.entries().stream().filter(e -> e.size() == 1).findFirst().orElseThrow();
            float[] v = values.flat();
            float[] expected = new float[layout.totalSize()];
            expected[b2.offset()] = 2f;
            for (int j = 0; j < 4; j++) {
                double w2j = v[w2.offset() + j];
                double hSum = 0;
                for (int b = 0; b < 2; b++) {
                    double h = v[b1.offset() + j];
                    for (int k = 0; k < 3; k++) {
                        h += v[w1.offset() + j * 3 + k] * X[b * 3 + k];
                    }
                    hSum += h;
                }
                expected[w2.offset() + j] = (float) hSum;
                expected[b1.offset() + j] = (float) (2 * w2j);
                for (int k = 0; k < 3; k++) {
                    expected[w1.offset() + j * 3 + k] = (float) (w2j * (X[k] + X[3 + k]));
                }
            }
            float[] grads = new float[layout.totalSize()];
            DjlParameters.zeroGradients(block, layout);
            backward(manager, block);
            DjlParameters.readGradients(block, layout, grads);
            assertArrayEquals(expected, grads, 1e-5f);

            // Without zeroing, a second backward accumulates; with it, the gradient is the same again.
            backward(manager, block);
            float[] twice = new float[grads.length];
            DjlParameters.readGradients(block, layout, twice);
            assertEquals(2 * grads[b2.offset()], twice[b2.offset()], 1e-5f);
            DjlParameters.zeroGradients(block, layout);
            backward(manager, block);
            float[] again = new float[grads.length];
            DjlParameters.readGradients(block, layout, again);
            assertArrayEquals(grads, again, 0f);

            // A second write (as after each optimiser step) still trains.
            DjlParameters.write(ParameterSet.wrap(layout, new float[layout.totalSize()]), block);
            DjlParameters.zeroGradients(block, layout);
            backward(manager, block);
            DjlParameters.readGradients(block, layout, again);
            assertEquals(2f, again[b2.offset()], 0f);
        }
    }

    @Test
    void subsetsAndMismatchesAreNamed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = net(manager);
            ParameterLayout biases = DjlParameters.layoutOf(block, name -> name.endsWith("bias"));
            assertEquals(2, biases.tensorCount());
            String first = biases.entry(0).name();
            ParameterLayout wrong = ParameterLayout.builder().add(first, 5).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DjlParameters.read(block, wrong));
            assertTrue(e.getMessage().contains(first) && e.getMessage().contains("[5]"), e.getMessage());
            ParameterLayout missing = ParameterLayout.builder().add("nope.weight", 2).build();
            e = assertThrows(IllegalArgumentException.class,
                    () -> DjlParameters.write(ParameterSet.zeros(missing), block));
            assertTrue(e.getMessage().contains("nope.weight"), e.getMessage());
            List<String> names = biases.names();
            assertTrue(names.stream().allMatch(n -> n.endsWith("bias")));
        }
    }
}

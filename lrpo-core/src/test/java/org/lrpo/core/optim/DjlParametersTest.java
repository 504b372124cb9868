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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        backward(manager, block, X);
    }

    private static void backward(NDManager manager, Block block, float[] input) {
        try (NDManager sub = manager.newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = sub.create(input, new Shape(2, 3));
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
            DjlWeightWriter writer = new DjlWeightWriter(layout);
            writer.write(values, block);
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

            // A backward that went non-finite (the trainers skip that update) must not poison the next one.
            float[] nan = X.clone();
            nan[0] = Float.NaN;
            backward(manager, block, nan);
            DjlParameters.readGradients(block, layout, again);
            assertTrue(Float.isNaN(again[w1.offset()]), "the poisoned backward gives NaN gradients");
            DjlParameters.zeroGradients(block, layout);
            backward(manager, block);
            DjlParameters.readGradients(block, layout, again);
            assertArrayEquals(grads, again, 0f);

            // A second write (as after each optimiser step) still trains.
            writer.write(ParameterSet.wrap(layout, new float[layout.totalSize()]), block);
            DjlParameters.zeroGradients(block, layout);
            backward(manager, block);
            DjlParameters.readGradients(block, layout, again);
            assertEquals(2f, again[b2.offset()], 0f);
        }
    }

    private static long rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /**
     * Regression guard: NDArray.set with a heap buffer allocates a direct buffer per call and RSS grew
     * by 8 MB per write of this 8 MB layer (2.8 GB after 350 writes). The writer must stay flat.
     */
    @Test
    void repeatedWritesKeepMemoryFlat() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Linear.builder().setUnits(2048).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1024));
            ParameterLayout layout = DjlParameters.layoutOf(block);
            ParameterSet set = DjlParameters.read(block, layout);
            DjlWeightWriter writer = new DjlWeightWriter(layout);
            writer.write(set, block);
            long before = rssMb();
            for (int i = 0; i < 200; i++) {
                set.flat()[i] += 1f;
                writer.write(set, block);
            }
            long growth = rssMb() - before;
            System.out.printf("RSS growth over 200 writes of an 8 MB layer: %d MB%n", growth);
            assertTrue(growth < 100, "RSS grew by " + growth + " MB over 200 writes of an 8 MB layer");
            assertTrue(set.bitwiseEquals(DjlParameters.read(block, layout)));

            // Gradient reads allocate only heap arrays (toFloatArray) and close their native handles:
            // after a warm-up in which the heap grows to its working size, RSS must stay flat.
            float[] grads = new float[layout.totalSize()];
            long beforeReads = 0;
            for (int i = 0; i < 300; i++) {
                DjlParameters.readGradients(block, layout, grads);
                if (i % 20 == 19) {
                    System.gc(); // separates heap garbage, which the collector reclaims, from native growth
                }
                if (i == 99) {
                    beforeReads = rssMb();
                }
            }
            long readGrowth = rssMb() - beforeReads;
            System.out.printf("RSS growth over gradient reads 100..300 of an 8 MB layer: %d MB%n", readGrowth);
            assertTrue(readGrowth < 100, "RSS grew by " + readGrowth + " MB over 200 gradient reads after warm-up");
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
                    () -> new DjlWeightWriter(missing).write(ParameterSet.zeros(missing), block));
            assertTrue(e.getMessage().contains("nope.weight"), e.getMessage());
            List<String> names = biases.names();
            assertTrue(names.stream().allMatch(n -> n.endsWith("bias")));
        }
    }
}

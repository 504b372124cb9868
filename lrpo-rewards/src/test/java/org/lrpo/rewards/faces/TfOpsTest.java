package org.lrpo.rewards.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** TF padding semantics and layout moves, worked by hand. */
class TfOpsTest {
    @Test
    void samePaddingSplitsLikeTensorFlow() {
        assertArrayEquals(new int[] {0, 1}, TfOps.samePadding(112, 3, 2)); // total 1: all after
        assertArrayEquals(new int[] {1, 1}, TfOps.samePadding(150, 3, 1));
        assertArrayEquals(new int[] {1, 1}, TfOps.samePadding(7, 3, 2)); // out 4, total 2
        assertArrayEquals(new int[] {0, 1}, TfOps.samePadding(207, 2, 2));
        assertArrayEquals(new int[] {0, 1}, TfOps.samePadding(13, 2, 1));
        assertArrayEquals(new int[] {0, 0}, TfOps.samePadding(416, 2, 2));
    }

    @Test
    void stridedSameConvPadsOnlyBottomAndRight() {
        try (NDManager m = FaceEngine.newManager()) {
            float[] x = new float[16];
            for (int i = 0; i < 16; i++) {
                x[i] = i; // x[r][c] = 4r + c
            }
            NDArray in = m.create(x, new Shape(1, 1, 4, 4));
            NDArray ones = m.ones(new Shape(1, 1, 3, 3));
            float[] out = TfOps.conv2d(in, ones, null, 2, TfOps.Padding.SAME, 1).toFloatArray();
            // windows rows {0,1,2} / {2,3,pad}, cols likewise; padding after only
            float w00 = 0 + 1 + 2 + 4 + 5 + 6 + 8 + 9 + 10;
            float w01 = 2 + 3 + 6 + 7 + 10 + 11;
            float w10 = 8 + 9 + 10 + 12 + 13 + 14;
            float w11 = 10 + 11 + 14 + 15;
            assertArrayEquals(new float[] {w00, w01, w10, w11}, out, 1e-5f);
        }
    }

    @Test
    void sameMaxPoolNeverPicksThePadding() {
        try (NDManager m = FaceEngine.newManager()) {
            NDArray in = m.create(new float[] {-1, -2, -3, -4, -5, -6, -7, -8, -9}, new Shape(1, 1, 3, 3));
            float[] out = TfOps.maxPoolSame(in, 2, 2).toFloatArray();
            assertArrayEquals(new float[] {-1, -3, -7, -9}, out); // zero padding would give 0s
        }
    }

    @Test
    void depthwiseKernelMovesToGroupedConvLayout() {
        // TF (H=1, W=2, C=2, M=1): v[h][w][c] = 10 * w + c
        TfjsTensor t = new TfjsTensor("dw", new int[] {1, 2, 2, 1}, new float[] {0, 1, 10, 11});
        try (NDManager m = FaceEngine.newManager()) {
            NDArray k = TfLayout.depthwiseKernel(m, t);
            assertArrayEquals(new long[] {2, 1, 1, 2}, k.getShape().getShape());
            assertArrayEquals(new float[] {0, 10, 1, 11}, k.toFloatArray()); // [c][0][h][w]
            TfjsTensor hwio = new TfjsTensor("k", new int[] {1, 2, 2, 3},
                    new float[] {0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112}); // 100w + 10i + o
            float[] oihw = TfLayout.convKernel(m, hwio).toFloatArray();
            assertArrayEquals(new float[] {0, 100, 10, 110, 1, 101, 11, 111, 2, 102, 12, 112}, oihw);
        }
    }
}

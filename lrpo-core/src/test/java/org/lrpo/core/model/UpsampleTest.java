package org.lrpo.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class UpsampleTest {
    @Test
    void nearest2xRepeatsEveryPixelAsA2x2Block() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Two channels of a 2x3 image; each value must become a 2x2 block at (2i, 2j).
            float[] x = {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -6};
            NDArray up = Upsample.nearest2x(m.create(x, new Shape(1, 2, 2, 3)));
            assertEquals(new Shape(1, 2, 4, 6), up.getShape());
            float[] expected = new float[2 * 4 * 6];
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 6; j++) {
                        expected[(c * 4 + i) * 6 + j] = x[(c * 2 + i / 2) * 3 + j / 2];
                    }
                }
            }
            assertArrayEquals(expected, up.toFloatArray(), 0f);
        }
    }
}

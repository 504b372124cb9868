package org.lrpo.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EmaTest {
    @Test
    void handWorkedTwoUpdates() {
        float[] init = {1f, -2f};
        Ema ema = new Ema(0.9, init);
        init[0] = 100f; // the average holds its own copy
        ema.update(new float[] {2f, 0f});
        // 0.9 * 1 + 0.1 * 2 = 1.1;  0.9 * -2 + 0.1 * 0 = -1.8
        assertArrayEquals(new float[] {1.1f, -1.8f}, ema.shadow(), 1e-6f);
        ema.update(new float[] {2f, 0f});
        // 0.9 * 1.1 + 0.2 = 1.19;  0.9 * -1.8 = -1.62
        assertArrayEquals(new float[] {1.19f, -1.62f}, ema.shadow(), 1e-6f);
        assertEquals(2, ema.updates());
    }

    @Test
    void restoreContinuesIdentically() {
        Ema a = new Ema(0.99, new float[] {0.5f, 0.25f});
        a.update(new float[] {1f, 1f});
        Ema b = Ema.restore(a.exportState());
        a.update(new float[] {3f, -1f});
        b.update(new float[] {3f, -1f});
        assertArrayEquals(a.shadow(), b.shadow(), 0f);
        assertEquals(a.updates(), b.updates());
    }

    @Test
    void rejectsBadDecayAndSize() {
        assertThrows(IllegalArgumentException.class, () -> new Ema(1.0, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> new Ema(-0.1, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> new Ema(0.9, new float[2]).update(new float[3]));
    }
}

package org.lrpo.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ScopedScalars} computes what DJL's number overloads compute, bit for bit and in the same data
 * type, and its scalars survive a garbage collection between the forward and the backward pass.
 */
class ScopedScalarsTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);
    }

    @Test
    void theResultsAreThoseOfDjlsNumberOverloads() {
        try (NDManager m = engine.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, -2.5f, 3.1f, 1e-7f, 7e5f});
            assertSame(x.mul(0.3f), ScopedScalars.mul(x, 0.3f));
            assertSame(x.mul(0.3), ScopedScalars.mul(x, 0.3));
            assertSame(x.div(0.7f), ScopedScalars.div(x, 0.7f));
            assertSame(x.div(-1.0 / 3), ScopedScalars.div(x, -1.0 / 3));
        }
    }

    private static void assertSame(NDArray expected, NDArray actual) {
        assertEquals(expected.getDataType(), actual.getDataType());
        assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 0f);
    }

    @Test
    void theGradientSurvivesAGarbageCollectionBeforeTheBackwardPass() {
        check(y -> ScopedScalars.mul(y, 0.5f), 0.5f);
        check(y -> ScopedScalars.mul(y, 0.25), 0.25f);
        check(y -> ScopedScalars.div(y, 4f), 0.25f);
        check(y -> ScopedScalars.div(y, 8.0), 0.125f);
    }

    private static void check(Function<NDArray, NDArray> scale, float factor) {
        for (int run = 0; run < 3; run++) {
            try (NDManager m = engine.newBaseManager()) {
                NDArray w = m.create(new float[] {1f, 2f, 3f});
                w.setRequiresGradient(true);
                try (GradientRecording rec = GradientRecording.open(engine)) {
                    NDArray loss = scale.apply(w.mul(w)).sum();
                    CollectingBeforeBackward.collectGarbage();
                    rec.backward(loss);
                }
                // d/dw factor * sum(w^2) = 2 factor w
                assertArrayEquals(new float[] {2 * factor, 4 * factor, 6 * factor}, w.getGradient().toFloatArray(),
                        0f);
            }
        }
    }
}

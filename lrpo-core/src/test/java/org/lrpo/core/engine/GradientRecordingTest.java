package org.lrpo.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GradientRecordingTest {

    @Test
    void concurrentRecordingsInOneJvmAreSerialisedAndEachGetsItsOwnGradient() throws Exception {
        Engine engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final float scale = t + 1;
                futures.add(pool.submit(() -> {
                    try (NDManager m = engine.newBaseManager()) {
                        NDArray x = m.create(new float[] {1f, 2f, 3f});
                        x.setRequiresGradient(true);
                        try (GradientRecording rec = GradientRecording.open(engine)) {
                            rec.backward(ScopedScalars.mul(x.mul(x), scale).sum());
                        }
                        return x.getGradient().toFloatArray();
                    }
                }));
            }
            for (int t = 0; t < 8; t++) {
                float s = t + 1;
                // d/dx s * sum(x^2) = 2 s x, untouched by the other threads' recordings.
                assertArrayEquals(new float[] {2 * s, 4 * s, 6 * s}, futures.get(t).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

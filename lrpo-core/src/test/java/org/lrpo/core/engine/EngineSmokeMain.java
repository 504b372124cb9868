package org.lrpo.core.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by {@link TensorEngineOfflineTest}: loads the engine into the cache folder given as
 * argument, computes d/dx sum(x^2) and prints the gradient so the parent can check it.
 */
public final class EngineSmokeMain {
    private EngineSmokeMain() {}

    public static void main(String[] args) {
        Engine engine = TensorEngine.start(Path.of(args[0]), 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1f, -2f, 3f});
            x.setRequiresGradient(true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray y = x.mul(x).sum();
                gc.backward(y);
            }
            float[] g = x.getGradient().toFloatArray();
            System.out.println("ENGINE=" + engine.getEngineName() + " VERSION=" + engine.getVersion());
            System.out.println("GRAD=" + g[0] + "," + g[1] + "," + g[2]);
        }
    }
}

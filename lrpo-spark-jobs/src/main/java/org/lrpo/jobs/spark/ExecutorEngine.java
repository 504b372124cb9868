package org.lrpo.jobs.spark;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import org.lrpo.core.config.RunSettings;
import org.lrpo.core.engine.TensorEngine;

/**
 * Starts the tensor engine once per JVM, on the driver or inside the first task an executor runs.
 * Tasks call {@link #get} first thing; later tasks in the same executor reuse the loaded engine, and each
 * call gives the calling thread the configured libtorch thread count
 * ({@link TensorEngine#useThreadsInThisThread}).
 */
public final class ExecutorEngine {
    private static volatile Engine engine;

    private ExecutorEngine() {}

    public static Engine get(RunSettings run) {
        return get(run.resolvedEngineCacheDir(), run.threads());
    }

    public static Engine get(Path cacheDir, int threads) {
        Engine e = engine;
        if (e == null) {
            synchronized (ExecutorEngine.class) {
                if (engine == null) {
                    engine = TensorEngine.start(cacheDir, threads);
                }
                e = engine;
            }
        }
        // Every task thread, not only the one that loaded the engine, computes with `threads` threads.
        TensorEngine.useThreadsInThisThread(threads);
        return e;
    }
}

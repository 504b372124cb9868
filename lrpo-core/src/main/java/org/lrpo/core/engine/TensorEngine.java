package org.lrpo.core.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL's PyTorch engine the one way this project allows: offline, with natives taken from the
 * {@code pytorch-native-*} jar on the classpath and unpacked into a cache folder the user controls.
 *
 * <p>DJL reads these switches once, when the engine first loads, so {@link #start} must run before any
 * other DJL call in the JVM (the jobs call it first thing on the driver and in each executor).
 */
public final class TensorEngine {
    private static final Logger LOG = LoggerFactory.getLogger(TensorEngine.class);
    /** The intra-op thread count this thread was given by {@link #useThreadsInThisThread}. */
    private static final ThreadLocal<Integer> THREADS_HERE = new ThreadLocal<>();
    /** Environment variable / system property that names DJL's cache folder. */
    public static final String CACHE_DIR_KEY = "DJL_CACHE_DIR";

    private TensorEngine() {}

    /**
     * Configures and loads the engine.
     *
     * @param cacheDir where libtorch is unpacked (~430 MB once); ignored if DJL_CACHE_DIR is already set
     * @param threads intra-op threads for libtorch; 0 keeps PyTorch's default (all cores)
     */
    public static synchronized Engine start(Path cacheDir, int threads) {
        Objects.requireNonNull(cacheDir, "cacheDir");
        // DJL must never reach the network: natives come from the classpath jar.
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty(CACHE_DIR_KEY) == null && System.getenv(CACHE_DIR_KEY) == null) {
            System.setProperty(CACHE_DIR_KEY, cacheDir.toAbsolutePath().toString());
        }
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            // One training task per executor JVM owns the cores; inter-op parallelism would oversubscribe.
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine engine = Engine.getEngine("PyTorch");
        useThreadsInThisThread(threads);
        LOG.info("tensor engine {} {} ready (offline, cache {}, threads {})", engine.getEngineName(),
                engine.getVersion(), cacheDirInUse(), threads > 0 ? threads : "default");
        return engine;
    }

    /**
     * Gives the calling thread the configured number of libtorch intra-op threads. libtorch keeps that
     * number per thread (OpenMP's and MKL's settings are thread-local): DJL sets it in the thread that
     * loads the engine only, and any other thread, a Spark task's for one, ran kernels with OpenMP's default
     * (one thread per CPU, or {@code OMP_NUM_THREADS}). Its results then depended on the machine's CPU count
     * and on which thread a task ran in: stage 1's gradients on {@code local[2]} changed in the last bits with
     * {@code OMP_NUM_THREADS}, and the standalone cluster's stage 1 (engine loaded in a task thread) differed
     * from {@code local[2]}'s (loaded in the driver's). Call before tensor work in a thread; after the first
     * call in a thread it only reads a thread-local.
     *
     * @param threads as for {@link #start}: 0 leaves the thread at libtorch's default
     */
    public static void useThreadsInThisThread(int threads) {
        if (threads <= 0) {
            return;
        }
        Integer set = THREADS_HERE.get();
        if (set != null && set == threads) {
            return;
        }
        JniUtils.setNumThreads(threads);
        THREADS_HERE.set(threads);
    }

    /** The cache folder DJL uses in this JVM. */
    public static String cacheDirInUse() {
        String p = System.getProperty(CACHE_DIR_KEY);
        return p != null ? p : System.getenv(CACHE_DIR_KEY);
    }
}

package org.lrpo.core.engine;

import ai.djl.engine.Engine;
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
        LOG.info("tensor engine {} {} ready (offline, cache {}, threads {})", engine.getEngineName(),
                engine.getVersion(), cacheDirInUse(), threads > 0 ? threads : "default");
        return engine;
    }

    /** The cache folder DJL uses in this JVM. */
    public static String cacheDirInUse() {
        String p = System.getProperty(CACHE_DIR_KEY);
        return p != null ? p : System.getenv(CACHE_DIR_KEY);
    }
}

package org.lrpo.core.config;

import org.lrpo.core.engine.DeviceChoice;

/**
 * Settings shared by every job.
 *
 * @param seed run seed; every random draw is keyed by (seed, round, face, candidate, step)
 * @param device compute device policy
 * @param outputDir where the run writes checkpoints, metrics and images (a path or Hadoop URI)
 * @param maxImagePixels images whose header claims more pixels are rejected before decoding
 * @param threads intra-op threads for the tensor engine per JVM (0 = the JVM's available cores)
 * @param engineCacheDir where libtorch is unpacked; empty = DJL_CACHE_DIR if set, else ~/.cache/lrpo/djl
 */
public record RunSettings(long seed, DeviceChoice device, String outputDir, long maxImagePixels, int threads,
                          String engineCacheDir) {

    /** The folder the tensor engine unpacks its natives into on this machine. */
    public java.nio.file.Path resolvedEngineCacheDir() {
        if (!engineCacheDir.isBlank()) {
            return java.nio.file.Path.of(engineCacheDir);
        }
        String fromEnv = System.getenv("DJL_CACHE_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return java.nio.file.Path.of(fromEnv);
        }
        return java.nio.file.Path.of(System.getProperty("user.home"), ".cache", "lrpo", "djl");
    }


    static RunSettings read(SettingsReader r) {
        return new RunSettings(
                r.longValue("lrpo.seed"),
                r.oneOf("lrpo.device", DeviceChoice.class),
                r.nonEmptyString("lrpo.output-dir"),
                r.intIn("lrpo.max-image-pixels", 1, Integer.MAX_VALUE),
                r.intIn("lrpo.threads", 0, 1024),
                r.string("lrpo.engine-cache-dir"));
    }
}

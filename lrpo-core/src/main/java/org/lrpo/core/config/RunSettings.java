package org.lrpo.core.config;

/**
 * Settings shared by every job.
 *
 * @param seed run seed; every random draw is keyed by (seed, round, face, candidate, step)
 * @param device compute device policy
 * @param outputDir where the run writes checkpoints, metrics and images (a path or Hadoop URI)
 * @param maxImagePixels images whose header claims more pixels are rejected before decoding
 * @param threads intra-op threads for the tensor engine per JVM (0 = the JVM's available cores)
 */
public record RunSettings(long seed, DeviceChoice device, String outputDir, long maxImagePixels, int threads) {

    static RunSettings read(SettingsReader r) {
        return new RunSettings(
                r.longValue("lrpo.seed"),
                r.oneOf("lrpo.device", DeviceChoice.class),
                r.nonEmptyString("lrpo.output-dir"),
                r.intIn("lrpo.max-image-pixels", 1, Integer.MAX_VALUE),
                r.intIn("lrpo.threads", 0, 1024));
    }
}

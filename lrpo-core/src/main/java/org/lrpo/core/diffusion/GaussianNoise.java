package org.lrpo.core.diffusion;

import java.util.SplittableRandom;

/**
 * Standard normal draws computed in Java with the Box-Muller transform and {@link StrictMath}, so a
 * stream gives the same bits on every JVM and machine (unlike a native RNG or a JDK-specific
 * {@code nextGaussian}). A rollout can then be recomputed bit for bit on any Spark worker.
 */
public final class GaussianNoise {
    private GaussianNoise() {}

    /** Fills {@code out[offset .. offset + n)} with N(0, 1) draws from {@code rng}. */
    public static void fill(SplittableRandom rng, float[] out, int offset, int n) {
        int i = 0;
        while (i < n) {
            // 1 - u keeps the log argument in (0, 1]: nextDouble() is in [0, 1).
            double radius = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - rng.nextDouble()));
            double angle = 2.0 * StrictMath.PI * rng.nextDouble();
            out[offset + i++] = (float) (radius * StrictMath.cos(angle));
            if (i < n) {
                out[offset + i++] = (float) (radius * StrictMath.sin(angle));
            }
        }
    }

    /** n draws. */
    public static float[] draw(SplittableRandom rng, int n) {
        float[] out = new float[n];
        fill(rng, out, 0, n);
        return out;
    }
}

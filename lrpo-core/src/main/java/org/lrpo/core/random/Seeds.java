package org.lrpo.core.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives every random stream of the project from named coordinates.
 *
 * <p>A stream is named by a run seed, a domain (what the draws are for, e.g. {@code "sampler-noise"})
 * and integer coordinates (e.g. round, face id hash, candidate, step). The same name always gives the
 * same stream, on any machine and in any task attempt, which is what makes a retried Spark task or a
 * resumed run reproduce its result bit for bit. Different names give statistically independent
 * streams: the coordinates are folded in with the SplitMix64 finaliser, which avalanches every bit.
 */
public final class Seeds {
    private Seeds() {}

    /** The 64-bit seed for the stream named by {@code (runSeed, domain, coordinates...)}. */
    public static long derive(long runSeed, String domain, long... coordinates) {
        long h = mix(runSeed ^ 0x6A09E667F3BCC909L);
        for (byte b : domain.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFFL));
        }
        // The count keeps (1, 2) and (1, 2, 0) apart.
        h = mix(h ^ coordinates.length);
        for (long c : coordinates) {
            h = mix(h + 0x9E3779B97F4A7C15L ^ c);
        }
        return h;
    }

    /** A generator for the stream named by {@code (runSeed, domain, coordinates...)}. */
    public static SplittableRandom stream(long runSeed, String domain, long... coordinates) {
        return new SplittableRandom(derive(runSeed, domain, coordinates));
    }

    /** A stable 64-bit coordinate for a string id (e.g. a face's content hash). */
    public static long idCoordinate(String id) {
        return derive(0L, "id:" + id);
    }

    /** SplitMix64 finaliser (Steele, Lea, Flood 2014). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

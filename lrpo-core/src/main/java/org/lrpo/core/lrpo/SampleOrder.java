package org.lrpo.core.lrpo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.lrpo.core.random.Seeds;

/**
 * The order in which a round's kept samples are trained: a Fisher-Yates shuffle drawn from
 * {@code (seed, "rl-permutation", round, epoch)}, split into contiguous micro-batches. The single-JVM
 * and the Spark trainer both use it, so they visit the same samples in the same micro-batches.
 */
public final class SampleOrder {
    static final String PERMUTATION_DOMAIN = "rl-permutation";

    private SampleOrder() {}

    /** {@code samples} shuffled for one inner epoch of one round. */
    public static <T> List<T> shuffled(List<T> samples, long seed, long round, int epoch) {
        List<T> out = new ArrayList<>(samples);
        SplittableRandom rng = Seeds.stream(seed, PERMUTATION_DOMAIN, round, epoch);
        for (int i = out.size() - 1; i > 0; i--) {
            Collections.swap(out, i, rng.nextInt(i + 1));
        }
        return out;
    }

    /** {@code count} contiguous micro-batches whose sizes differ by at most one (fewer if items are few). */
    public static <T> List<List<T>> microBatches(List<T> items, int count) {
        int n = Math.min(count, items.size());
        List<List<T>> out = new ArrayList<>(n);
        for (int m = 0; m < n; m++) {
            out.add(items.subList(m * items.size() / n, (m + 1) * items.size() / n));
        }
        return out;
    }
}

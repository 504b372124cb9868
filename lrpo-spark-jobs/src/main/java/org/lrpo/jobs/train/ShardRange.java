package org.lrpo.jobs.train;

/**
 * Which contiguous slice {@code [from, to)} of {@code n} items partition {@code p} of {@code parts}
 * owns: {@code from = p * n / parts}. The split depends only on (n, parts, p), so a retried task
 * takes the same items, and slices differ in size by at most one (some are empty when n < parts).
 */
public record ShardRange(int from, int to) {

    public static ShardRange of(int n, int parts, int p) {
        if (parts < 1 || p < 0 || p >= parts || n < 0) {
            throw new IllegalArgumentException("no partition " + p + " of " + parts + " over " + n + " items");
        }
        return new ShardRange((int) ((long) p * n / parts), (int) ((long) (p + 1) * n / parts));
    }

    public int count() {
        return to - from;
    }

    public boolean contains(int i) {
        return i >= from && i < to;
    }
}

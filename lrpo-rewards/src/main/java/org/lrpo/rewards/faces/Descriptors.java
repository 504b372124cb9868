package org.lrpo.rewards.faces;

/** Comparisons of face descriptors (computed in double). */
public final class Descriptors {
    private Descriptors() {
    }

    /** {@code a . b / (|a| |b|)}; an all-zero descriptor has no direction and is rejected. */
    public static double cosine(float[] a, float[] b) {
        requireSameLength(a, b);
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            throw new IllegalArgumentException("cosine of an all-zero descriptor is undefined");
        }
        return Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)));
    }

    /** Euclidean distance, face-api's own descriptor distance (same person below about 0.6). */
    public static double euclidean(float[] a, float[] b) {
        requireSameLength(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("descriptors of different lengths: " + a.length + " and " + b.length);
        }
    }
}

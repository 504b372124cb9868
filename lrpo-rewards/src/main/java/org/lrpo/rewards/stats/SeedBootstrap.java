package org.lrpo.rewards.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The interval of a model trained with several seeds, each scored on the same faces: a two-level bootstrap that
 * resamples the seeds (training runs) and the faces, so the interval holds both the faces' spread and the runs'.
 * A model's value is {@code mean over faces of (mean over its seeds of v[seed][face])}; a paired difference
 * between two models draws each one's seeds on their own and the faces once, so the faces' difficulty still
 * cancels while each model's run-to-run spread counts. With one seed on each side it is the faces-only
 * bootstrap of {@link BootstrapInterval}.
 */
public final class SeedBootstrap {
    private SeedBootstrap() {}

    /** The interval of one model: {@code values[seed][face]}, every seed on the same faces; NaN left out. */
    public static BootstrapInterval of(double[][] values, double confidence, int resamples, SplittableRandom random) {
        return difference(values, null, confidence, resamples, random);
    }

    /**
     * The interval of {@code a − b}, each {@code [seed][face]} on the same faces in the same order; {@code b} null
     * for the interval of {@code a} alone.
     */
    public static BootstrapInterval difference(double[][] a, double[][] b, double confidence, int resamples,
                                               SplittableRandom random) {
        int faces = a[0].length;
        if (b != null && b[0].length != faces) {
            throw new IllegalArgumentException("the two models were scored on " + faces + " and " + b[0].length
                    + " faces; a paired difference needs the same faces");
        }
        double mean = statistic(a, b, identity(a.length), identity(b == null ? 0 : b.length), identity(faces));
        if (Double.isNaN(mean)) {
            return new BootstrapInterval(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] means = new double[resamples];
        int[] sa = new int[a.length];
        int[] sb = new int[b == null ? 0 : b.length];
        int[] f = new int[faces];
        int kept = 0;
        for (int r = 0; r < resamples; r++) {
            draw(sa, random);
            draw(sb, random);
            draw(f, random);
            double m = statistic(a, b, sa, sb, f);
            if (!Double.isNaN(m)) {
                means[kept++] = m;
            }
        }
        double[] sorted = Arrays.copyOf(means, kept);
        Arrays.sort(sorted);
        double alpha = (1 - confidence) / 2;
        return new BootstrapInterval(mean, BootstrapInterval.quantile(sorted, alpha),
                BootstrapInterval.quantile(sorted, 1 - alpha), scoredFaces(a, b));
    }

    /** Mean over the drawn faces of (mean over drawn seeds of a) minus (the same of b); NaN-valued cells left out. */
    private static double statistic(double[][] a, double[][] b, int[] sa, int[] sb, int[] faces) {
        double sum = 0;
        int n = 0;
        for (int face : faces) {
            double x = seedMean(a, sa, face);
            double y = b == null ? 0 : seedMean(b, sb, face);
            if (Double.isFinite(x) && Double.isFinite(y)) {
                sum += x - y;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Faces with a value on both sides (in at least one seed each). */
    private static int scoredFaces(double[][] a, double[][] b) {
        int n = 0;
        for (int face = 0; face < a[0].length; face++) {
            boolean x = Double.isFinite(seedMean(a, identity(a.length), face));
            boolean y = b == null || Double.isFinite(seedMean(b, identity(b.length), face));
            n += x && y ? 1 : 0;
        }
        return n;
    }

    private static double seedMean(double[][] v, int[] seeds, int face) {
        double sum = 0;
        int n = 0;
        for (int s : seeds) {
            if (Double.isFinite(v[s][face])) {
                sum += v[s][face];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static void draw(int[] into, SplittableRandom random) {
        for (int i = 0; i < into.length; i++) {
            into[i] = random.nextInt(into.length);
        }
    }

    private static int[] identity(int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }
}

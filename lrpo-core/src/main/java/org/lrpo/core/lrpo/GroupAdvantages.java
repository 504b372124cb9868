package org.lrpo.core.lrpo;

import java.util.Arrays;

/**
 * Group-relative advantages, METHOD section 5:
 *
 * <pre>
 *   A_i = (R_i - mean_{j in group(i)} R_j) / (std_all(R) + 1e-4)
 * </pre>
 *
 * with the group mean over the G candidates of one LQ face and the <em>population</em> standard
 * deviation over every reward of the round (all groups together). Groups whose candidates all scored
 * the same, up to rounding ({@link #isTie}), carry no signal: they are dropped and their advantages are 0.
 *
 * <p>Arithmetic is in double precision, in a fixed order (group by group, candidate by candidate), so
 * the driver of a Spark round and the single-JVM trainer compute bit-identical advantages from the
 * same rewards.
 */
public final class GroupAdvantages {
    /** The constant METHOD adds to the global standard deviation. */
    public static final double STD_EPSILON = 1e-4;
    /** Relative spread below which a group's rewards count as tied (rounding of a few additions is ~1e-16). */
    static final double TIE_TOLERANCE = 1e-12;

    private final double[][] advantages;
    private final boolean[] kept;
    private final double globalMean;
    private final double globalStd;

    private GroupAdvantages(double[][] advantages, boolean[] kept, double globalMean, double globalStd) {
        this.advantages = advantages;
        this.kept = kept;
        this.globalMean = globalMean;
        this.globalStd = globalStd;
    }

    /**
     * @param rewards {@code rewards[g][c]}: reward of candidate c of group g; every group has the same
     *     number of candidates (G >= 2)
     */
    public static GroupAdvantages compute(double[][] rewards) {
        if (rewards.length == 0) {
            throw new IllegalArgumentException("no groups: a round needs at least one face");
        }
        int g = rewards[0].length;
        if (g < 2) {
            throw new IllegalArgumentException("group size " + g + " < 2: group-relative advantages need G >= 2");
        }
        double sum = 0;
        long n = 0;
        for (int i = 0; i < rewards.length; i++) {
            if (rewards[i].length != g) {
                throw new IllegalArgumentException("group " + i + " has " + rewards[i].length
                        + " candidates, group 0 has " + g);
            }
            for (double r : rewards[i]) {
                if (!Double.isFinite(r)) {
                    throw new IllegalArgumentException("reward " + r + " in group " + i + " is not finite");
                }
                sum += r;
                n++;
            }
        }
        double mean = sum / n;
        double squares = 0;
        for (double[] group : rewards) {
            for (double r : group) {
                squares += (r - mean) * (r - mean);
            }
        }
        double std = Math.sqrt(squares / n);
        double[][] adv = new double[rewards.length][g];
        boolean[] kept = new boolean[rewards.length];
        for (int i = 0; i < rewards.length; i++) {
            double groupSum = 0;
            for (double r : rewards[i]) {
                groupSum += r;
            }
            double groupMean = groupSum / g;
            kept[i] = !isTie(rewards[i]);
            for (int c = 0; c < g && kept[i]; c++) {
                adv[i][c] = (rewards[i][c] - groupMean) / (std + STD_EPSILON);
            }
        }
        return new GroupAdvantages(adv, kept, mean, std);
    }

    /**
     * Whether a group's rewards are all the same up to rounding. Comparing advantages with 0 is not
     * enough: nine rewards of 0.1 have a computed mean of 0.09999999999999999, which would give every
     * candidate a tiny, meaningless advantage of one sign. The authors drop a group when its summed |A| is
     * 0; this is that rule with a tolerance relative to the rewards' magnitude.
     */
    static boolean isTie(double[] group) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double scale = 1;
        for (double r : group) {
            min = Math.min(min, r);
            max = Math.max(max, r);
            scale = Math.max(scale, Math.abs(r));
        }
        return max - min <= TIE_TOLERANCE * scale;
    }

    /** A_i of candidate c in group g. */
    public double advantage(int group, int candidate) {
        return advantages[group][candidate];
    }

    /** A copy of group g's advantages. */
    public double[] group(int group) {
        return advantages[group].clone();
    }

    /** False when every advantage of the group is zero: the group is dropped from the update. */
    public boolean isKept(int group) {
        return kept[group];
    }

    public int groups() {
        return advantages.length;
    }

    public int keptGroups() {
        int k = 0;
        for (boolean b : kept) {
            k += b ? 1 : 0;
        }
        return k;
    }

    public double rewardMean() {
        return globalMean;
    }

    /** Population standard deviation of all rewards of the round. */
    public double rewardStd() {
        return globalStd;
    }

    @Override
    public String toString() {
        return "GroupAdvantages" + Arrays.deepToString(advantages);
    }
}

package org.lrpo.core.round;

import java.util.ArrayList;
import java.util.List;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.lrpo.GroupAdvantages;
import org.lrpo.core.lrpo.SampleOrder;
import org.lrpo.core.lrpo.TrainingSample;

/**
 * Phase 2 of a round: the group-relative advantages of the round's rewards and which candidates are
 * trained (those of kept groups), in which micro-batches. Computed on the driver; only
 * {@link #table()} travels to executors.
 */
public final class AdvantagePlan {
    private final GroupAdvantages advantages;
    private final double[][] table;
    private final List<CandidateRef> kept;
    private final double advantageAbsMean;

    private AdvantagePlan(GroupAdvantages advantages, int groupSize) {
        this.advantages = advantages;
        this.table = new double[advantages.groups()][];
        this.kept = new ArrayList<>();
        double absSum = 0;
        for (int f = 0; f < table.length; f++) {
            table[f] = advantages.group(f);
            if (!advantages.isKept(f)) {
                continue;
            }
            for (int c = 0; c < groupSize; c++) {
                kept.add(new CandidateRef(f, c));
                absSum += Math.abs(advantages.advantage(f, c));
            }
        }
        this.advantageAbsMean = kept.isEmpty() ? 0 : absSum / kept.size();
    }

    public static AdvantagePlan of(RewardTable rewards, int groupSize) {
        return new AdvantagePlan(GroupAdvantages.compute(rewards.byFace(groupSize)), groupSize);
    }

    /** A_i of every candidate, {@code [face][candidate]} (0 in dropped groups). */
    public double[][] table() {
        return table;
    }

    /** The trained candidates, face-major. */
    public List<CandidateRef> kept() {
        return kept;
    }

    /** Inner epoch {@code epoch}'s micro-batches: the kept candidates in their seeded order, split. */
    public List<List<CandidateRef>> microBatches(long seed, long round, int epoch, int count) {
        return SampleOrder.microBatches(SampleOrder.shuffled(kept, seed, round, epoch), count);
    }

    /**
     * The training samples of {@code refs} whose faces are {@code [from, from + groups.size())}, with
     * their advantages from {@code table} (a runner's own plan, or the table an executor received).
     */
    public static List<TrainingSample> samples(List<CandidateRef> refs, List<FaceGroup> groups, int from,
                                               double[][] table) {
        List<TrainingSample> out = new ArrayList<>(refs.size());
        for (CandidateRef ref : refs) {
            out.add(new TrainingSample(groups.get(ref.face() - from), ref.candidate(),
                    table[ref.face()][ref.candidate()]));
        }
        return out;
    }

    public double rewardMean() {
        return advantages.rewardMean();
    }

    public double rewardStd() {
        return advantages.rewardStd();
    }

    public int keptGroups() {
        return advantages.keptGroups();
    }

    public int groups() {
        return advantages.groups();
    }

    public double advantageAbsMean() {
        return advantageAbsMean;
    }
}

package org.lrpo.core.round;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.reward.RewardScores;

/**
 * The rewards of a run of faces' candidates, face-major and candidate-minor: row {@code i} is candidate
 * {@code i % G} of face {@code i / G}. Small (a few numbers per candidate), so it is what a rollout task
 * sends to the driver instead of images.
 *
 * @param componentNames the reward's components, in the reward's order
 * @param totals each candidate's total reward
 * @param components each candidate's component values, in {@code componentNames} order
 */
public record RewardTable(String[] componentNames, double[] totals, double[][] components) implements Serializable {
    public RewardTable {
        if (components.length != totals.length) {
            throw new IllegalArgumentException(totals.length + " totals but " + components.length + " component rows");
        }
    }

    /** The rewards of no candidates. */
    public static RewardTable empty() {
        return new RewardTable(new String[0], new double[0], new double[0][]);
    }

    /** Phase 1's second half: scores every candidate of {@code groups} against its face's ground truth. */
    public static RewardTable score(List<FaceGroup> groups, Reward reward) {
        List<RgbImage> restored = new ArrayList<>();
        List<RgbImage> truth = new ArrayList<>();
        for (FaceGroup g : groups) {
            restored.addAll(g.candidates());
            for (int c = 0; c < g.groupSize(); c++) {
                truth.add(g.pair().hq());
            }
        }
        if (restored.isEmpty()) {
            return empty();
        }
        List<RewardScores> scores = reward.score(restored, truth);
        String[] names = scores.get(0).components().keySet().toArray(String[]::new);
        double[] totals = new double[scores.size()];
        double[][] components = new double[scores.size()][names.length];
        for (int i = 0; i < scores.size(); i++) {
            totals[i] = scores.get(i).total();
            for (int c = 0; c < names.length; c++) {
                components[i][c] = scores.get(i).components().get(names[c]);
            }
        }
        return new RewardTable(names, totals, components);
    }

    /** The tables of consecutive runs of faces, in order, as one table. */
    public static RewardTable concat(List<RewardTable> parts) {
        String[] names = parts.stream().filter(p -> p.totals.length > 0).map(RewardTable::componentNames)
                .findFirst().orElse(new String[0]);
        List<Double> totals = new ArrayList<>();
        List<double[]> components = new ArrayList<>();
        for (RewardTable p : parts) {
            if (p.totals.length > 0 && !Arrays.equals(p.componentNames, names)) {
                throw new IllegalStateException("reward components differ between shards: "
                        + Arrays.toString(names) + " vs " + Arrays.toString(p.componentNames));
            }
            Arrays.stream(p.totals).forEach(totals::add);
            components.addAll(Arrays.asList(p.components));
        }
        return new RewardTable(names, totals.stream().mapToDouble(Double::doubleValue).toArray(),
                components.toArray(double[][]::new));
    }

    public int candidates() {
        return totals.length;
    }

    /** The totals as {@code [face][candidate]}, the input of the group-relative advantages. */
    public double[][] byFace(int groupSize) {
        if (totals.length % groupSize != 0) {
            throw new IllegalStateException(totals.length + " rewards do not make groups of " + groupSize);
        }
        double[][] out = new double[totals.length / groupSize][];
        for (int f = 0; f < out.length; f++) {
            out[f] = Arrays.copyOfRange(totals, f * groupSize, (f + 1) * groupSize);
        }
        return out;
    }

    /** Each component's mean over every candidate, in component order. */
    public Map<String, Double> componentMeans() {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (double[] row : components) {
            for (int c = 0; c < componentNames.length; c++) {
                sums.merge(componentNames[c], row[c], Double::sum);
            }
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((k, v) -> means.put(k, v / totals.length));
        return means;
    }
}

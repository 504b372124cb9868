package org.lrpo.rewards.reward;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.reward.RewardComponent;
import org.lrpo.core.reward.RewardScores;
import org.lrpo.core.reward.ScoreRange;

/**
 * The composite reward of METHOD.md §4: a weighted sum of named components,
 *
 * <pre>
 * R(x, gt) = sum_c w_c * score_c(x, gt),   w_c &gt;= 0,  sum_c w_c = 1 (within {@value #WEIGHT_SUM_TOLERANCE})
 * </pre>
 *
 * so R stays inside the convex hull of the components' ranges (in [0, 1] when every component is).
 * Every component is reported per image, unweighted, next to the total; a component with weight 0 is
 * still scored and reported (a metric that does not steer the policy).
 *
 * <p>Batched: the input batch is checked once ({@link ImagePairs#requireValid}) before any component
 * runs, then each component scores the whole batch in one call, in the order given. Deterministic as
 * long as the components are (their contract): the sum is taken in that fixed order.
 *
 * <p>Each component's scores are checked against its declared {@link ScoreRange}: one score per image,
 * finite, inside the range. A component that breaks this has a bug, reported as an
 * {@link IllegalStateException} naming the component, the image index and the value.
 *
 * <p>Owns its components: {@link #close()} closes each of them.
 */
public final class CompositeReward implements Reward {
    /** How far the weights may sum from 1 (rounding of decimal weights such as 0.1 + 0.3 + 0.3 + 0.3). */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-9;

    private final List<WeightedComponent> terms;
    private final List<String> names;

    private CompositeReward(List<WeightedComponent> terms) {
        this.terms = terms;
        this.names = terms.stream().map(WeightedComponent::name).toList();
    }

    /**
     * @param terms the components and their weights, in the order the metric tables list them
     * @throws IllegalArgumentException for no terms, duplicate names, or weights that are negative, not
     *     finite, or do not sum to 1 (the message lists every component, its weight and the sum)
     */
    public static CompositeReward of(List<WeightedComponent> terms) {
        if (terms == null || terms.isEmpty()) {
            throw new IllegalArgumentException("a composite reward needs at least one component");
        }
        List<WeightedComponent> copy = List.copyOf(terms);
        Set<String> seen = new HashSet<>();
        for (WeightedComponent t : copy) {
            if (!seen.add(t.name())) {
                throw new IllegalArgumentException("component '" + t.name() + "' appears twice in " + describe(copy));
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        copy.forEach(t -> weights.put(t.name(), t.weight()));
        requireValidWeights(weights);
        return new CompositeReward(copy);
    }

    /**
     * The weight rules alone, so they can be checked before any component is made: every weight finite
     * and &gt;= 0, the sum 1 within {@value #WEIGHT_SUM_TOLERANCE}; the message lists each name, its weight
     * and the sum.
     */
    public static void requireValidWeights(Map<String, Double> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("a composite reward needs at least one component");
        }
        double sum = 0;
        boolean signsOk = true;
        for (Double w : weights.values()) {
            double v = w == null ? Double.NaN : w;
            sum += v;
            signsOk &= Double.isFinite(v) && v >= 0;
        }
        if (!signsOk || !(Math.abs(sum - 1.0) <= WEIGHT_SUM_TOLERANCE)) {
            throw new IllegalArgumentException("reward weights must be finite, >= 0 and sum to 1 (within "
                    + WEIGHT_SUM_TOLERANCE + "): got " + weights + ", sum " + sum);
        }
    }

    private static String describe(List<WeightedComponent> terms) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < terms.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(terms.get(i).name()).append("=").append(terms.get(i).weight());
        }
        return b.append('}').toString();
    }

    @Override
    public List<RewardScores> score(List<RgbImage> restored, List<RgbImage> groundTruth) {
        int n = ImagePairs.requireValid(restored, groundTruth);
        double[] total = new double[n];
        List<double[]> parts = new ArrayList<>(terms.size());
        for (WeightedComponent t : terms) {
            double[] s = t.component().score(restored, groundTruth);
            requireInRange(t.component(), s, n);
            parts.add(s);
            for (int i = 0; i < n; i++) {
                total[i] += t.weight() * s[i];
            }
        }
        List<RewardScores> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Double> components = new LinkedHashMap<>();
            for (int c = 0; c < terms.size(); c++) {
                components.put(names.get(c), parts.get(c)[i]);
            }
            out.add(new RewardScores(total[i], components));
        }
        return out;
    }

    private static void requireInRange(RewardComponent c, double[] scores, int n) {
        if (scores == null || scores.length != n) {
            throw new IllegalStateException("component '" + c.name() + "' returned "
                    + (scores == null ? "null" : scores.length + " scores") + " for " + n + " images");
        }
        ScoreRange range = c.range();
        for (int i = 0; i < n; i++) {
            if (!range.contains(scores[i])) {
                throw new IllegalStateException("component '" + c.name() + "' returned " + scores[i] + " for image "
                        + i + ", outside its declared range [" + range.min() + ", " + range.max() + "]");
            }
        }
    }

    @Override
    public List<String> componentNames() {
        return names;
    }

    /** The weight of each component, by name, in order. */
    public Map<String, Double> weights() {
        Map<String, Double> w = new LinkedHashMap<>();
        terms.forEach(t -> w.put(t.name(), t.weight()));
        return w;
    }

    /** Closes every component, even when one fails; the first failure is thrown with the others suppressed. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (WeightedComponent t : terms) {
            try {
                t.component().close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException r ? r
                        : new IllegalStateException("closing component '" + t.name() + "' failed", e);
                if (first == null) {
                    first = wrapped;
                } else {
                    first.addSuppressed(wrapped);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

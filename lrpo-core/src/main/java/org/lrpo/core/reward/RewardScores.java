package org.lrpo.core.reward;

import java.util.Map;

/**
 * The composite reward of one restored image: the weighted total and every component's own score
 * (unweighted, in the component's range), for the metric tables.
 */
public record RewardScores(double total, Map<String, Double> components) {
    public RewardScores {
        // Insertion order is the component order of the tables.
        components = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(components));
    }
}

package org.lrpo.rewards.reward;

import java.util.Objects;
import org.lrpo.core.reward.RewardComponent;

/** One term {@code w_c * score_c} of the composite reward (METHOD.md §4): a component and its weight. */
public record WeightedComponent(RewardComponent component, double weight) {
    public WeightedComponent {
        Objects.requireNonNull(component, "component");
    }

    public String name() {
        return component.name();
    }
}

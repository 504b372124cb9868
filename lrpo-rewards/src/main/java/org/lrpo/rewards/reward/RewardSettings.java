package org.lrpo.rewards.reward;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the composite reward is built from ({@code lrpo.reward.*}): each component's weight, in table
 * order, and each component's own options. A plain record: reading it from a config file is the caller's
 * job, validating it is {@link RewardRegistry#build}'s.
 *
 * @param weights component name to weight {@code w_c} (METHOD.md §4), iteration order = table order
 * @param options component name to its option map (see {@link ComponentOptions}); components without an
 *     entry get no options
 */
public record RewardSettings(Map<String, Double> weights, Map<String, Map<String, ?>> options) {
    public RewardSettings {
        Objects.requireNonNull(weights, "weights");
        weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * METHOD.md §4's default split, mirroring the paper's: 0.3 identity, 0.3 ssim, 0.1 niqe,
     * 0.3 dwt_lowpass, with every component on its default options.
     */
    public static RewardSettings methodDefault() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("identity", 0.3);
        w.put("ssim", 0.3);
        w.put("niqe", 0.1);
        w.put("dwt_lowpass", 0.3);
        return new RewardSettings(w, Map.of());
    }

    /** The options of {@code component} (empty when none were given). */
    public ComponentOptions optionsOf(String component) {
        return ComponentOptions.of(component, options.getOrDefault(component, Map.of()));
    }
}

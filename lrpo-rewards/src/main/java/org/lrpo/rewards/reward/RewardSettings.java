package org.lrpo.rewards.reward;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.lrpo.core.config.ConfigurationException;
import org.lrpo.core.config.SettingsReader;

/**
 * What the composite reward is built from ({@code lrpo.reward.*}): each component's weight, in table
 * order, and each component's own options. {@link #read(Config)} reads and validates it from the
 * configuration; a hand-made instance is validated by {@link RewardRegistry#build}.
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

    /** Section of the configuration read by {@link #read}. */
    public static final String SECTION = "lrpo.reward";

    /** {@link #read(Config, RewardRegistry)} with {@link RewardRegistry#builtIns()}. */
    public static RewardSettings read(Config config) {
        return read(config, RewardRegistry.builtIns().build());
    }

    /**
     * Reads {@code lrpo.reward} and checks all of it before anything is loaded, collecting every problem
     * into one {@link ConfigurationException}, each naming its key:
     * <ul>
     *   <li>{@code weights.<name>}: each a number in [0, 1] for a component {@code registry} knows;
     *       the weights sum to 1 (within {@value CompositeReward#WEIGHT_SUM_TOLERANCE}). A weight of 0
     *       leaves the component out of the composite (it is neither made nor scored);</li>
     *   <li>{@code order}: the composite's (and the metric tables') component order, since a config
     *       object keeps no key order; known names, each once, every weighted component listed;</li>
     *   <li>{@code components.<name>}: options of a known component; those of every weighted
     *       component pass the registry's {@link RewardRegistry#checkOptions check} (ranges, unknown
     *       keys), without loading a network or model file.</li>
     * </ul>
     */
    public static RewardSettings read(Config config, RewardRegistry registry) {
        SettingsReader r = new SettingsReader(config);
        List<String> problems = new ArrayList<>();
        String weightsKey = SECTION + ".weights";
        Map<String, Double> given = new TreeMap<>();
        boolean everyWeightReadable = true;
        for (String name : sectionKeys(config, weightsKey, problems)) {
            String key = weightsKey + "." + name;
            if (!registry.knows(name)) {
                problems.add(key + ": unknown reward component '" + name + "'; known components: "
                        + registry.knownComponents());
                everyWeightReadable = false;
                continue;
            }
            int before = r.problems().size();
            given.put(name, r.doubleIn(key, 0.0, 1.0));
            everyWeightReadable &= r.problems().size() == before;
        }
        int problemsBeforeOrder = problems.size();
        List<String> order = stringList(config, SECTION + ".order", problems);
        boolean orderReadable = problems.size() == problemsBeforeOrder;
        Set<String> ordered = new LinkedHashSet<>();
        for (String name : order) {
            if (!registry.knows(name)) {
                problems.add(SECTION + ".order lists '" + name + "', which is no reward component; known components: "
                        + registry.knownComponents());
            } else if (!ordered.add(name)) {
                problems.add(SECTION + ".order lists '" + name + "' twice");
            }
        }
        if (order.isEmpty() && orderReadable) {
            problems.add(SECTION + ".order is empty: list the components in the order of the metric tables");
        }
        for (Map.Entry<String, Double> e : given.entrySet()) {
            if (e.getValue() > 0 && !ordered.contains(e.getKey()) && !order.isEmpty()) {
                problems.add(weightsKey + "." + e.getKey() + " = " + e.getValue() + " but " + SECTION
                        + ".order does not list '" + e.getKey() + "'; add it there");
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String name : ordered) {
            Double w = given.get(name);
            if (w != null && w > 0) {
                weights.put(name, w);
            }
        }
        // The sum only means something when every weight was read; otherwise the key's own problem says it all.
        double sum = given.values().stream().mapToDouble(Double::doubleValue).sum();
        if (everyWeightReadable && !(Math.abs(sum - 1.0) <= CompositeReward.WEIGHT_SUM_TOLERANCE)) {
            problems.add(weightsKey + " must sum to 1 (within " + CompositeReward.WEIGHT_SUM_TOLERANCE + "): got "
                    + given + ", sum " + sum);
        }

        String componentsKey = SECTION + ".components";
        Map<String, Map<String, ?>> options = new LinkedHashMap<>();
        for (String name : sectionKeys(config, componentsKey, problems)) {
            String key = componentsKey + "." + name;
            if (!registry.knows(name)) {
                problems.add(key + ": options for '" + name + "', which is no reward component; known components: "
                        + registry.knownComponents());
                continue;
            }
            try {
                options.put(name, config.getConfig(key).root().unwrapped());
            } catch (ConfigException e) {
                problems.add(key + " must be an object of options: " + e.getMessage());
            }
        }
        for (String name : weights.keySet()) {
            try {
                registry.checkOptions(name, ComponentOptions.of(name, options.getOrDefault(name, Map.of())));
            } catch (InvalidOptionException e) {
                problems.add(componentsKey + "." + name + (e.key() == null ? "" : "." + e.key()) + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                problems.add(componentsKey + "." + name + ": " + e.getMessage());
            }
        }
        problems.addAll(0, r.problems());
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new RewardSettings(weights, options);
    }

    private static Set<String> sectionKeys(Config config, String key, List<String> problems) {
        try {
            return config.getObject(key).keySet();
        } catch (ConfigException e) {
            problems.add(key + " is missing or not an object: " + e.getMessage());
            return Set.of();
        }
    }

    private static List<String> stringList(Config config, String key, List<String> problems) {
        try {
            return config.getStringList(key);
        } catch (ConfigException e) {
            problems.add(key + " must be a list of component names: " + e.getMessage());
            return List.of();
        }
    }

    /** The options of {@code component} (empty when none were given). */
    public ComponentOptions optionsOf(String component) {
        return ComponentOptions.of(component, options.getOrDefault(component, Map.of()));
    }
}

package org.lrpo.jobs.local;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lrpo.rewards.reward.RewardSettings;

/**
 * One arm of the claims experiment (docs/METHOD.md section 9): a name and the settings it overrides in the
 * configured ones (the RL settings and/or the reward weights LRPO trains with). Every arm is scored with the
 * configured reward, whatever it trains with, so that arms are compared on one scale.
 *
 * @param trains false for the supervised baseline (no LRPO: the pre-trained checkpoint evaluated as it is)
 * @param overrides the {@code lrpo.*} keys this arm sets, given the configured settings
 */
public record ClaimVariant(String name, String description, boolean trains,
                           Function<Config, Map<String, Object>> overrides) {

    /** NIQE's weight in the perception-heavy reward; the other weights share the rest in their configured ratio. */
    public static final double PERCEPTION_NIQE_WEIGHT = 0.4;

    public static final List<ClaimVariant> ALL = List.of(
            new ClaimVariant("supervised", "the supervised checkpoint, no LRPO (baseline)", false, c -> Map.of()),
            new ClaimVariant("lrpo", "LRPO as configured", true, c -> Map.of()),
            new ClaimVariant("no-regulariser", "LRPO without the likelihood regulariser (weight 0)", true,
                    c -> Map.of("lrpo.rl.regulariser.enabled", false)),
            new ClaimVariant("regulariser-0.01", "LRPO with regulariser weight 1e-2", true,
                    c -> Map.of("lrpo.rl.regulariser.enabled", true, "lrpo.rl.regulariser.weight", 0.01)),
            new ClaimVariant("regulariser-0.1", "LRPO with regulariser weight 1e-1", true,
                    c -> Map.of("lrpo.rl.regulariser.enabled", true, "lrpo.rl.regulariser.weight", 0.1)),
            new ClaimVariant("flat", "LRPO with flat advantage weights (w_k = 1)", true,
                    c -> Map.of("lrpo.rl.advantage-weighting", "flat")),
            new ClaimVariant("perception", "LRPO trained on a perception-heavy reward (NIQE weight "
                    + PERCEPTION_NIQE_WEIGHT + ")", true, ClaimVariant::perceptionWeights),
            new ClaimVariant("perception-no-regulariser", "the perception-heavy reward without the regulariser", true,
                    c -> {
                        Map<String, Object> m = new LinkedHashMap<>(perceptionWeights(c));
                        m.put("lrpo.rl.regulariser.enabled", false);
                        return m;
                    }));

    public static Optional<ClaimVariant> named(String name) {
        return ALL.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The configuration this arm trains with. */
    public Config apply(Config config) {
        return ConfigFactory.parseMap(overrides.apply(config)).withFallback(config);
    }

    /** NIQE at {@link #PERCEPTION_NIQE_WEIGHT}, the other configured weights scaled to share the rest. */
    static Map<String, Object> perceptionWeights(Config config) {
        Map<String, Double> base = RewardSettings.read(config).weights();
        double others = base.entrySet().stream().filter(e -> !e.getKey().equals("niqe"))
                .mapToDouble(Map.Entry::getValue).sum();
        if (!(others > 0)) {
            throw new IllegalArgumentException("the perception variant needs a component besides niqe to weight");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        base.forEach((k, w) -> m.put("lrpo.reward.weights." + k, w * (1 - PERCEPTION_NIQE_WEIGHT) / others));
        m.put("lrpo.reward.weights.niqe", PERCEPTION_NIQE_WEIGHT);
        return m;
    }
}

package org.lrpo.rewards.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.lrpo.core.reward.RewardComponent;
import org.lrpo.rewards.model.ModelScoreComponent;

/**
 * Builds the composite reward from {@link RewardSettings}: a registry from component name to a factory
 * that makes the component from its {@link ComponentOptions}.
 *
 * <p>{@link #builtIns()} knows {@code identity} ({@link IdentityReward}) and {@code model}
 * ({@link ModelScoreComponent}); the metric components ({@code ssim}, {@code ms_ssim},
 * {@code dwt_lowpass}, {@code niqe}) are registered by whoever has them on the classpath:
 * <pre>
 * RewardRegistry registry = RewardRegistry.builtIns().register("ssim", SsimReward::fromOptions).build();
 * try (CompositeReward reward = registry.build(RewardSettings.methodDefault())) { ... }
 * </pre>
 */
public final class RewardRegistry {

    /** Makes one component from its options; the component's name must be the registered name. */
    @FunctionalInterface
    public interface ComponentFactory {
        RewardComponent create(ComponentOptions options);
    }

    private final Map<String, ComponentFactory> factories;

    private RewardRegistry(Map<String, ComponentFactory> factories) {
        this.factories = Map.copyOf(factories);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the components of this module: {@code identity} and {@code model}. */
    public static Builder builtIns() {
        return builder()
                .register(IdentityReward.NAME, IdentityReward::fromOptions)
                .register(ModelScoreComponent.NAME, ModelScoreComponent::fromOptions);
    }

    /** The registered names, sorted. */
    public List<String> knownComponents() {
        return List.copyOf(new TreeSet<>(factories.keySet()));
    }

    /**
     * Makes every component named in {@code settings.weights()} (in that order) with its options and
     * combines them with {@link CompositeReward#of}. Fails before loading anything on an unknown name
     * or on options for an unknown name (listing the known ones), or on weights that
     * break {@link CompositeReward}'s rules; closes the components already made when a later one fails.
     */
    public CompositeReward build(RewardSettings settings) {
        Objects.requireNonNull(settings, "settings");
        for (String name : settings.weights().keySet()) {
            if (!factories.containsKey(name)) {
                throw new IllegalArgumentException("unknown reward component '" + name + "'; known components: "
                        + knownComponents());
            }
        }
        // Options of a known component without a weight are defaults (reference.conf) and are ignored; options
        // of an unknown name are a typo.
        for (String name : settings.options().keySet()) {
            if (!factories.containsKey(name)) {
                throw new IllegalArgumentException("options are given for '" + name
                        + "', which is no reward component; known components: " + knownComponents());
            }
        }
        // Check the weights before loading any network: a typo in a weight should not cost a model load.
        CompositeReward.requireValidWeights(settings.weights());

        List<WeightedComponent> terms = new ArrayList<>();
        try {
            for (Map.Entry<String, Double> e : settings.weights().entrySet()) {
                RewardComponent c = factories.get(e.getKey()).create(settings.optionsOf(e.getKey()));
                terms.add(new WeightedComponent(c, e.getValue()));
                if (!c.name().equals(e.getKey())) {
                    throw new IllegalStateException("the factory registered as '" + e.getKey()
                            + "' made a component named '" + c.name() + "'");
                }
            }
            return CompositeReward.of(terms);
        } catch (RuntimeException e) {
            for (WeightedComponent t : terms) {
                try {
                    t.component().close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Collects factories; a name may be registered once. */
    public static final class Builder {
        private final Map<String, ComponentFactory> factories = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder register(String name, ComponentFactory factory) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(factory, "factory");
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("reward component name '" + name
                        + "' must be lower case letters, digits and '_', starting with a letter");
            }
            if (factories.putIfAbsent(name, factory) != null) {
                throw new IllegalArgumentException("reward component '" + name + "' is already registered");
            }
            return this;
        }

        public RewardRegistry build() {
            return new RewardRegistry(factories);
        }
    }
}

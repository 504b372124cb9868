package org.lrpo.rewards.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.lrpo.core.reward.RewardComponent;
import org.lrpo.rewards.model.ModelScoreComponent;
import org.lrpo.rewards.model.ModelScorerSpec;

/**
 * Builds the composite reward from {@link RewardSettings}: a registry from component name to a factory
 * that makes the component from its {@link ComponentOptions}.
 *
 * <p>{@link #builtIns()} knows, in this order, {@code identity} ({@link IdentityReward}), {@code ssim}
 * ({@link SsimReward}), {@code niqe} ({@link NiqeReward}), {@code dwt_lowpass} ({@link DwtLowpassComponent}),
 * {@code ms_ssim} ({@link MsSsimReward}), {@code psnr} ({@link PsnrReward}) and {@code model}
 * ({@link ModelScoreComponent}); other modules add theirs with {@link Builder#register}:
 * <pre>
 * RewardRegistry registry = RewardRegistry.builtIns().register("lpips", Lpips::fromOptions).build();
 * try (CompositeReward reward = registry.build(RewardSettings.methodDefault())) { ... }
 * </pre>
 *
 * <p>A component may come with an {@link OptionsCheck}: it parses and validates the options without loading
 * anything, so {@link #build} and {@link RewardSettings#read} report a bad option of any component before the
 * first network or model file is loaded.
 */
public final class RewardRegistry {

    /** Makes one component from its options; the component's name must be the registered name. */
    @FunctionalInterface
    public interface ComponentFactory {
        RewardComponent create(ComponentOptions options);
    }

    /** Parses and validates a component's options without making it; throws on a bad option. */
    @FunctionalInterface
    public interface OptionsCheck {
        void check(ComponentOptions options);
    }

    private final Map<String, ComponentFactory> factories;
    private final Map<String, OptionsCheck> checks;
    private final List<String> order;

    private RewardRegistry(Map<String, ComponentFactory> factories, Map<String, OptionsCheck> checks) {
        this.factories = Map.copyOf(factories);
        this.checks = Map.copyOf(checks);
        this.order = List.copyOf(factories.keySet());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the components of this module, each with its options check. */
    public static Builder builtIns() {
        return builder()
                .register(IdentityReward.NAME, IdentityReward::fromOptions, IdentityReward.Options::parse)
                .register(SsimReward.NAME, SsimReward::fromOptions, SsimReward::fromOptions)
                .register(NiqeReward.NAME, NiqeReward::fromOptions, NiqeReward.Options::parse)
                .register(DwtLowpassComponent.NAME, DwtLowpassComponent::fromOptions, DwtLowpassComponent::fromOptions)
                .register(MsSsimReward.NAME, MsSsimReward::fromOptions, MsSsimReward::fromOptions)
                .register(PsnrReward.NAME, PsnrReward::fromOptions, PsnrReward::maxDb)
                .register(ModelScoreComponent.NAME, ModelScoreComponent::fromOptions, ModelScorerSpec::fromOptions);
    }

    /** The registered names, sorted. */
    public List<String> knownComponents() {
        return List.copyOf(new TreeSet<>(factories.keySet()));
    }

    /** The registered names in registration order. */
    public List<String> registrationOrder() {
        return order;
    }

    public boolean knows(String name) {
        return factories.containsKey(name);
    }

    /**
     * Validates {@code options} of component {@code name} without making it (a no-op for a component registered
     * without a check, whose options are validated when it is made).
     *
     * @throws IllegalArgumentException for an unknown name or a bad option ({@link InvalidOptionException} when
     *     one key is at fault)
     */
    public void checkOptions(String name, ComponentOptions options) {
        if (!knows(name)) {
            throw new IllegalArgumentException("unknown reward component '" + name + "'; known components: "
                    + knownComponents());
        }
        OptionsCheck check = checks.get(name);
        if (check != null) {
            check.check(options);
        }
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
        // Check the weights and every component's options before loading any network: a typo should not cost
        // a model load.
        CompositeReward.requireValidWeights(settings.weights());
        for (String name : settings.weights().keySet()) {
            checkOptions(name, settings.optionsOf(name));
        }

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
        private final Map<String, OptionsCheck> checks = new LinkedHashMap<>();

        private Builder() {
        }

        /** Registers {@code factory} with an options check that runs before any component is made. */
        public Builder register(String name, ComponentFactory factory, OptionsCheck check) {
            register(name, factory);
            checks.put(name, Objects.requireNonNull(check, "check"));
            return this;
        }

        /** Registers {@code factory} without a separate check: its options are validated when it is made. */
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
            return new RewardRegistry(factories, checks);
        }
    }
}

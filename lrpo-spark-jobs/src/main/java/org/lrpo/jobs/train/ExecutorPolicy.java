package org.lrpo.jobs.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.TrainableSet;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.round.LrpoParts;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Policies;
import org.lrpo.jobs.spark.ExecutorEngine;
import org.lrpo.jobs.spark.TaskDevices;

/**
 * The one policy of this JVM, lent to one task at a time.
 *
 * <p>An executor builds its {@link ConditionalDenoiser} once per run (the first task of a run creates
 * it and writes the run's full starting weights into it), keeps it across tasks, and writes the
 * broadcast trainable weights into it only when their {@link VersionedWeights#version()} differs from
 * the loaded one. A task holds the lease from loading the weights to reading its gradients back, so two
 * task threads of one JVM (e.g. {@code local[2]}) never interleave zero-gradients, backward and read-back
 * on the shared parameters; with the intended layout (one task slot per executor JVM, libtorch given the
 * executor's cores) the lock is never contended.
 */
public final class ExecutorPolicy implements AutoCloseable {
    private static final ReentrantLock LOCK = new ReentrantLock(true);
    private static final AtomicLong CREATED = new AtomicLong();
    private static final AtomicLong WEIGHT_LOADS = new AtomicLong();
    /** Guarded by LOCK. */
    private static Loaded loaded;

    private static final class Loaded {
        final String runKey;
        final LrpoSettings settings;
        final Engine engine;
        final ConditionalDenoiser policy;
        final NetworkParameters parameters;
        final NoiseSchedule schedule;
        final LrpoParts parts;
        Reward reward;
        ConditionalDenoiser reference;
        long referenceVersion;
        long version;

        Loaded(String runKey, LrpoSettings settings, Engine engine, ConditionalDenoiser policy) {
            this.runKey = runKey;
            this.settings = settings;
            this.engine = engine;
            this.policy = policy;
            this.parameters = new NetworkParameters(policy);
            this.schedule = NoiseSchedule.of(settings.schedule());
            this.parts = LrpoParts.of(settings);
        }
    }

    private final Loaded state;

    private ExecutorPolicy(Loaded state) {
        this.state = state;
    }

    /**
     * Waits for the JVM's policy, (re)builds it if it belongs to another run, and loads {@code weights}
     * if they are not the ones it holds.
     *
     * @param initialWeights the full weights (frozen ones included) at the version the driver's current
     *     {@code run} started from, fetched only when this JVM builds the policy
     */
    public static ExecutorPolicy acquire(RunSpec spec, TrainableSet trainable, Supplier<VersionedWeights> initialWeights,
                                         VersionedWeights weights) {
        LOCK.lock();
        try {
            if (loaded == null || !loaded.runKey.equals(spec.runKey())) {
                if (loaded != null) {
                    loaded.policy.close();
                    if (loaded.reward != null) {
                        loaded.reward.close();
                    }
                    if (loaded.reference != null) {
                        loaded.reference.close();
                    }
                    loaded = null;
                }
                LrpoSettings s = spec.settings();
                Engine engine = ExecutorEngine.get(s.run());
                Device device = TaskDevices.select(s.run().device(), engine);
                ConditionalDenoiser policy = Policies.create(s.model(), device, s.run().seed());
                policy.setTrainable(trainable);
                Loaded fresh = new Loaded(spec.runKey(), s, engine, policy);
                VersionedWeights all = initialWeights.get();
                fresh.parameters.writeAll(ParameterSet.wrap(fresh.parameters.allLayout(), all.values()));
                fresh.version = all.version();
                CREATED.incrementAndGet();
                WEIGHT_LOADS.incrementAndGet();
                loaded = fresh;
            }
            if (loaded.policy.trainable() != trainable) {
                throw new IllegalStateException("run " + spec.runKey() + " asked for " + trainable
                        + " weights of a policy built with " + loaded.policy.trainable());
            }
            // This task's thread computes with the run's libtorch thread count, whichever thread built the policy.
            ExecutorEngine.get(loaded.settings.run());
            ExecutorPolicy lease = new ExecutorPolicy(loaded);
            lease.use(weights);
            return lease;
        } catch (Exception e) {
            LOCK.unlock();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** Makes the policy hold {@code weights} (no-op when it already does). */
    public void use(VersionedWeights weights) {
        if (state.version != weights.version()) {
            state.parameters.writeTrainable(ParameterSet.wrap(state.parameters.trainableLayout(), weights.values()));
            state.version = weights.version();
            WEIGHT_LOADS.incrementAndGet();
        }
    }

    public ConditionalDenoiser policy() {
        return state.policy;
    }

    public NetworkParameters parameters() {
        return state.parameters;
    }

    public LrpoSettings settings() {
        return state.settings;
    }

    public Engine engine() {
        return state.engine;
    }

    public NoiseSchedule schedule() {
        return state.schedule;
    }

    /** The run's LRPO pieces, built once per policy. */
    public LrpoParts parts() {
        return state.parts;
    }

    /** The run's reward on this JVM, built by {@code factory} on first use and kept with the policy. */
    public Reward reward(RewardFactory factory) {
        if (state.reward == null) {
            state.reward = factory.create(state.settings);
        }
        return state.reward;
    }

    /**
     * The frozen reference policy of the KL term, built from {@code weights} the first time a task of this
     * run asks for it (again only if their version changes); empty when there is none ({@code weights}
     * null, {@code kl-weight} 0).
     */
    public Optional<ConditionalDenoiser> reference(Supplier<VersionedWeights> weights) {
        if (weights == null) {
            return Optional.empty();
        }
        VersionedWeights w = weights.get();
        if (state.reference == null || state.referenceVersion != w.version()) {
            if (state.reference != null) {
                state.reference.close();
            }
            state.reference = state.parts.frozenReference(w.values(), state.policy.device()).orElse(null);
            state.referenceVersion = w.version();
        }
        return Optional.ofNullable(state.reference);
    }

    /** Policies this JVM has built (one per run it served). */
    public static long policiesCreated() {
        return CREATED.get();
    }

    /** Weight loads in this JVM: one full load per policy built plus one per new trainable version. */
    public static long weightLoads() {
        return WEIGHT_LOADS.get();
    }

    @Override
    public void close() {
        LOCK.unlock();
    }
}

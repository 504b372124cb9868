package org.lrpo.jobs.train;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.model.RestorationNet;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.restoration.RestorationObjective;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.jobs.spark.ExecutorEngine;
import org.lrpo.jobs.spark.TaskDevices;

/**
 * The trainable stage-1 restoration module of this JVM while {@code pretrain --stage restoration} runs,
 * lent to one task at a time, as {@link ExecutorPolicy} lends the diffusion policy: built once per run
 * from the run's starting weights, reloaded only when the broadcast version changes, held by a task from
 * loading the weights to reading its gradients back.
 */
final class ExecutorRestorationNet implements AutoCloseable {
    private static final ReentrantLock LOCK = new ReentrantLock(true);
    /** Guarded by LOCK. */
    private static Loaded loaded;

    private record Loaded(String runKey, LrpoSettings settings, RestorationNet net, NetworkParameters parameters,
                          long[] version) {}

    private final Loaded state;

    private ExecutorRestorationNet(Loaded state) {
        this.state = state;
    }

    static ExecutorRestorationNet acquire(RunSpec spec, Supplier<VersionedWeights> initialWeights,
                                          VersionedWeights weights) {
        LOCK.lock();
        try {
            if (loaded == null || !loaded.runKey().equals(spec.runKey())) {
                if (loaded != null) {
                    loaded.net().close();
                    loaded = null;
                }
                LrpoSettings s = spec.settings();
                RestorationNet net = RestorationNet.create(s.restoration().network(),
                        TaskDevices.select(s.run().device(), ExecutorEngine.get(s.run())), s.run().seed());
                NetworkParameters parameters = new NetworkParameters(net);
                VersionedWeights all = initialWeights.get();
                parameters.writeAll(ParameterSet.wrap(parameters.allLayout(), all.values()));
                loaded = new Loaded(spec.runKey(), s, net, parameters, new long[] {all.version()});
            }
            // This task's thread computes with the run's libtorch thread count, whichever thread built the net.
            ExecutorEngine.get(loaded.settings().run());
            if (loaded.version()[0] != weights.version()) {
                loaded.parameters().writeTrainable(ParameterSet.wrap(loaded.parameters().trainableLayout(),
                        weights.values()));
                loaded.version()[0] = weights.version();
            }
            return new ExecutorRestorationNet(loaded);
        } catch (RuntimeException e) {
            LOCK.unlock();
            throw e;
        }
    }

    NetworkParameters parameters() {
        return state.parameters();
    }

    RestorationObjective objective() {
        LrpoSettings s = state.settings();
        return new RestorationObjective(state.net(), ExecutorEngine.get(s.run()), s.restoration().loss());
    }

    @Override
    public void close() {
        LOCK.unlock();
    }
}

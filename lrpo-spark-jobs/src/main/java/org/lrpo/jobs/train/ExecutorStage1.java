package org.lrpo.jobs.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.model.RestorationNet;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.jobs.spark.ExecutorEngine;
import org.lrpo.jobs.spark.TaskDevices;

/**
 * The frozen stage-1 restoration module of this JVM, built once from the broadcast {@link Stage1Weights}
 * and kept while the fingerprint stays the same (one per job; a new fingerprint replaces it). Forward
 * passes are serialised inside {@link FrozenRestoration}.
 */
public final class ExecutorStage1 {
    private static FrozenRestoration loaded;

    private ExecutorStage1() {}

    public static synchronized FrozenRestoration get(Stage1Weights weights, LrpoSettings s) {
        // The calling task's thread runs R with the run's libtorch thread count (ExecutorEngine).
        Engine engine = ExecutorEngine.get(s.run());
        if (loaded != null && loaded.fingerprint().equals(weights.fingerprint())) {
            return loaded;
        }
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
        Device device = TaskDevices.select(s.run().device(), engine);
        RestorationNet net = RestorationNet.create(s.restoration().network(), device, s.run().seed());
        NetworkParameters parameters = new NetworkParameters(net);
        if (parameters.allLayout().totalSize() != weights.values().length) {
            net.close();
            throw new IllegalStateException("the broadcast stage-1 weights have " + weights.values().length
                    + " values but lrpo.restoration describes a network of " + parameters.allLayout().totalSize());
        }
        parameters.writeAll(ParameterSet.wrap(parameters.allLayout(), weights.values()));
        loaded = new FrozenRestoration(net, s.restoration().tileSize(), weights.fingerprint());
        return loaded;
    }
}

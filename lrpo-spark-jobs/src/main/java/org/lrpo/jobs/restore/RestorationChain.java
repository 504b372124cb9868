package org.lrpo.jobs.restore;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.train.Policies;
import org.lrpo.core.train.Restorer;
import org.lrpo.jobs.spark.ExecutorEngine;
import org.lrpo.jobs.spark.TaskDevices;
import org.lrpo.jobs.train.ExecutorStage1;

/**
 * The two-stage restoration of one JVM (METHOD 1): stage 1 {@code R}, then the diffusion policy conditioned on
 * {@code R(lq)}, sampled with the restoration eta, strength and samples of {@code lrpo.sampler}. Built once per
 * job from the broadcast {@link RestoreModels} and kept while their fingerprints stay the same; calls are
 * serialised, so the task threads of one executor share one copy of the weights.
 */
final class RestorationChain implements AutoCloseable {
    /** Crops per forward pass: enough to amortise a pass, few enough for a CPU task's memory. */
    private static final int FACES_PER_PASS = 8;
    private static RestorationChain loaded;

    private final String key;
    private final FrozenRestoration stage1;
    private final ConditionalDenoiser policy;
    private final Restorer restorer;
    private final int batch;

    private RestorationChain(String key, FrozenRestoration stage1, ConditionalDenoiser policy, Restorer restorer,
                             int batch) {
        this.key = key;
        this.stage1 = stage1;
        this.policy = policy;
        this.restorer = restorer;
        this.batch = batch;
    }

    /** This JVM's chain for {@code models}, built on first use. */
    static synchronized RestorationChain get(RestoreModels models, LrpoSettings s) {
        String key = models.stage1().fingerprint() + "/" + models.policyFingerprint();
        if (loaded != null && loaded.key.equals(key)) {
            return loaded;
        }
        if (loaded != null) {
            loaded.policy.close();
            loaded = null;
        }
        FrozenRestoration stage1 = ExecutorStage1.get(models.stage1(), s);
        Engine engine = ExecutorEngine.get(s.run());
        Device device = TaskDevices.select(s.run().device(), engine);
        ConditionalDenoiser policy = Policies.withWeights(s.model(), device, s.run().seed(), models.policy());
        Restorer restorer = Restorer.configured(policy, s, s.run().seed());
        loaded = new RestorationChain(key, stage1, policy, restorer, FACES_PER_PASS);
        return loaded;
    }

    /** Stage 1 alone on a whole photo (tiled inside {@link FrozenRestoration}). */
    RgbImage stage1(RgbImage photo) {
        return stage1.restore(photo);
    }

    /**
     * Both stages on aligned crops at the model's resolution; {@code keys} name each crop's noise
     * (content hash and face index), so a crop restores the same way in every run.
     */
    synchronized List<RgbImage> restoreFaces(List<RgbImage> crops, List<String> keys) {
        return restorer.restore(stage1.restore(crops), keys, batch);
    }

    @Override
    public synchronized void close() {
        policy.close();
    }
}

package org.lrpo.jobs.report;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.train.Policies;
import org.lrpo.core.train.Restorer;
import org.lrpo.jobs.spark.ExecutorEngine;
import org.lrpo.jobs.spark.TaskDevices;
import org.lrpo.jobs.train.ExecutorStage1;

/**
 * A JVM's copy of the models a report compares: stage 1 and each diffusion policy, built once per broadcast
 * {@link EvaluatedModels} and kept while their fingerprints stay the same; calls are serialised, so the task
 * threads of one executor share one copy of the weights.
 *
 * <p>Restoration {@code k} of a face draws its noise from the run seed (k = 0) or the run seed's
 * {@code "evaluation-sample"} stream of number k, keyed by the face id: the demo's evaluation and a re-run
 * report restore every face identically.
 */
final class EvaluationChain {
    /** Faces per forward pass: enough to amortise a pass, few enough for a CPU task's memory. */
    static final int FACES_PER_PASS = 8;
    private static EvaluationChain loaded;

    private final String key;
    private final FrozenRestoration stage1;
    private final Map<String, ConditionalDenoiser> policies;
    private final LrpoSettings settings;

    private EvaluationChain(String key, FrozenRestoration stage1, Map<String, ConditionalDenoiser> policies,
                            LrpoSettings settings) {
        this.key = key;
        this.stage1 = stage1;
        this.policies = policies;
        this.settings = settings;
    }

    static synchronized EvaluationChain get(EvaluatedModels models, LrpoSettings s) {
        if (loaded != null && loaded.key.equals(models.key())) {
            return loaded;
        }
        if (loaded != null) {
            loaded.policies.values().forEach(ConditionalDenoiser::close);
            loaded = null;
        }
        FrozenRestoration stage1 = ExecutorStage1.get(models.stage1(), s);
        Engine engine = ExecutorEngine.get(s.run());
        Device device = TaskDevices.select(s.run().device(), engine);
        Map<String, ConditionalDenoiser> policies = new LinkedHashMap<>();
        try {
            for (EvaluatedModels.Policy p : models.policies()) {
                policies.put(p.name(), Policies.withWeights(s.model(), device, s.run().seed(), p.weights()));
            }
        } catch (IllegalArgumentException e) {
            policies.values().forEach(ConditionalDenoiser::close);
            throw e;
        }
        loaded = new EvaluationChain(models.key(), stage1, policies, s);
        return loaded;
    }

    /** R(lq) of each face. */
    List<RgbImage> stage1(List<RgbImage> lq) {
        return stage1.restore(lq);
    }

    /** Restoration number {@code sample} by policy {@code name} of faces {@code ids} given their conditions. */
    synchronized List<RgbImage> restore(String name, List<RgbImage> conditions, List<String> ids, int sample) {
        long runSeed = settings.run().seed();
        long seed = sample == 0 ? runSeed : Seeds.derive(runSeed, "evaluation-sample", sample);
        Restorer restorer = Restorer.configured(policies.get(name), settings, seed);
        return restorer.restore(new ArrayList<>(conditions), ids, FACES_PER_PASS);
    }
}

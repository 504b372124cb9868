package org.lrpo.core.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.lrpo.LrpoObjective;
import org.lrpo.core.lrpo.StepStatistics;
import org.lrpo.core.lrpo.TrainingSample;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Policies;

/**
 * The measured ratio ||lambda * grad L_reg|| / ||grad L_pg|| against gradients taken independently: the
 * policy term's alone (regulariser off) and the whole loss's in one backward pass (measurement off); the
 * regulariser's gradient is their difference. Measuring must not change the gradient the update uses.
 * The scale is large because an untrained policy's mu is far from the noised ground truth at the last
 * steps: at the paper's 40 the regulariser sits at 1 with no gradient.
 */
class RegulariserGradientRatioTest {
    private static final String[] SMALL = {"model.resolution=16", "model.base-channels=8",
        "model.channel-multipliers=[1,2]", "model.group-norm-groups=4", "model.time-embedding-dim=16",
        "sampler.denoising-steps=6", "rl.group-size=3", "rl.regulariser.last-denoising-steps=2",
        "rl.regulariser.weight=0.25", "rl.regulariser.scale=1e5", "seed=5"};
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);
    }

    private static LrpoSettings settings(String... extra) {
        List<String> overrides = new java.util.ArrayList<>(List.of(SMALL));
        overrides.addAll(List.of(extra));
        return LrpoSettings.read(ConfigLoader.load(Optional.empty(), overrides));
    }

    @Test
    void theMeasuredRatioIsTheNormOfTheRegularisersGradientOverThePolicyTermsAndLeavesTheGradientAlone() {
        LrpoSettings base = settings();
        LrpoParts parts = LrpoParts.of(base);
        GeneratedPairs faces = new GeneratedPairs(base.run().seed(), 32, 16, base.degradation().preset(),
                new FaceSplit(0.1));
        try (ConditionalDenoiser policy = Policies.create(base.model(), Device.cpu(), base.run().seed())) {
            FaceGroup group = parts.rollout(policy).sample(faces, 0, 0, 1).get(0);
            List<TrainingSample> shard = List.of(new TrainingSample(group, 0, 1.0),
                    new TrainingSample(group, 1, 0.5), new TrainingSample(group, 2, -0.25));
            NetworkParameters parameters = new NetworkParameters(policy);
            int last = parts.trainedSteps() - 1;

            float[] policyOnly = gradient(parameters, LrpoParts.of(settings("rl.regulariser.enabled=false"))
                    .objective(policy, Optional.empty(), engine), shard, last);
            float[] whole = gradient(parameters, parts.objective(policy, Optional.empty(), engine), shard, last);
            LrpoObjective measuring = LrpoParts.of(settings("rl.regulariser.measure-gradient-ratio=true"))
                    .objective(policy, Optional.empty(), engine);
            parameters.zeroGradients();
            StepStatistics st = measuring.accumulate(shard, last, 4, 0);
            float[] measured = new float[whole.length];
            parameters.readGradients(measured);

            double policySq = 0;
            double regSq = 0;
            double diffSq = 0;
            double wholeSq = 0;
            for (int i = 0; i < whole.length; i++) {
                policySq += (double) policyOnly[i] * policyOnly[i];
                double reg = (double) whole[i] - policyOnly[i];
                regSq += reg * reg;
                diffSq += ((double) measured[i] - whole[i]) * ((double) measured[i] - whole[i]);
                wholeSq += (double) whole[i] * whole[i];
            }
            double expected = Math.sqrt(regSq / policySq);
            assertEquals(1, st.gradientRatioCount());
            assertTrue(expected > 1e-4, "the regulariser moves the gradient at weight 0.25: " + expected);
            assertEquals(expected, st.gradientRatioSum(), 1e-3 * expected, "ratio of the regularised step");
            assertTrue(Math.sqrt(diffSq / wholeSq) < 1e-5,
                    "two backward passes give the one-pass gradient: relative error " + Math.sqrt(diffSq / wholeSq));

            parameters.zeroGradients();
            StepStatistics early = measuring.accumulate(shard, 0, 4, 0);
            assertEquals(0, early.gradientRatioCount(), "step 0 has no regulariser to measure");
        }
    }

    private static float[] gradient(NetworkParameters parameters, LrpoObjective objective, List<TrainingSample> shard,
                                    int k) {
        parameters.zeroGradients();
        objective.accumulate(shard, k, 4, 0);
        float[] g = new float[parameters.trainableLayout().totalSize()];
        parameters.readGradients(g);
        return g;
    }
}

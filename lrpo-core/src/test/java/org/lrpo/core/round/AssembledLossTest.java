package org.lrpo.core.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.diffusion.DdimTimesteps;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.lrpo.LrpoObjective;
import org.lrpo.core.lrpo.StepStatistics;
import org.lrpo.core.lrpo.TrainingSample;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.Policies;

/**
 * The loss LRPO differentiates, assembled by hand for one shard and every trained step (METHOD 5-6):
 *
 * <pre>
 *   L_k = (shard / micro-batch) * ( L_pg(clip(w_k * A_i)) + lambda * L_reg [k among the last n trained steps] )
 * </pre>
 *
 * At theta = theta_old every ratio is exactly 1, so L_pg = -mean_i clip(w_k * A_i, -5, 5), with w_k computed
 * here from the schedule's abar (sigma_k at eta = 1 over the mean of all K sigmas). L_reg is the value the
 * objective reports (its own formula is tested in LikelihoodRegulariserTest); what this test pins is which
 * steps carry it, with which sign and weight, and the share.
 */
class AssembledLossTest {
    private static final double LAMBDA = 0.25;
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);
    }

    @Test
    void theObjectiveDifferentiatesTheHandAssembledLossAtEveryStep() {
        LrpoSettings s = LrpoSettings.read(ConfigLoader.load(Optional.empty(), List.of("model.resolution=16",
                "model.base-channels=8", "model.channel-multipliers=[1,2]", "model.group-norm-groups=4",
                "model.time-embedding-dim=16", "sampler.denoising-steps=6", "rl.group-size=3",
                "rl.regulariser.last-denoising-steps=2", "rl.regulariser.weight=" + LAMBDA, "seed=5")));
        LrpoParts parts = LrpoParts.of(s);
        DdimTimesteps steps = parts.rolloutStep().timesteps();
        double[] sigma = new double[steps.count()];
        double mean = 0;
        for (int k = 0; k < sigma.length; k++) {
            double a = steps.alphaBar(k);
            double ap = steps.alphaBarPrev(k);
            sigma[k] = Math.sqrt((1 - ap) / (1 - a) * (1 - a / ap));
            mean += sigma[k] / sigma.length;
        }
        double[] advantages = {1.0, 0.5, -0.25};
        int microBatch = 4;
        double share = advantages.length / (double) microBatch;
        GeneratedPairs faces = new GeneratedPairs(s.run().seed(), 32, 16, s.degradation().preset(), new FaceSplit(0.1));
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            FaceGroup group = parts.rollout(policy).sample(faces, 0, 0, 1).get(0);
            List<TrainingSample> shard = List.of(new TrainingSample(group, 0, advantages[0]),
                    new TrainingSample(group, 1, advantages[1]), new TrainingSample(group, 2, advantages[2]));
            LrpoObjective objective = parts.objective(policy, Optional.empty(), engine);
            assertEquals(5, objective.trainedSteps(), "K = 6 denoising steps train steps 0..4");
            for (int k = 0; k < objective.trainedSteps(); k++) {
                StepStatistics st = objective.accumulate(shard, k, microBatch, 0);
                double w = sigma[k] / mean;
                double pg = 0;
                for (double a : advantages) {
                    pg -= Math.max(-5, Math.min(5, a * w)) / advantages.length;
                }
                boolean regularised = k >= 3;
                double reg = st.regulariserSum() / st.samples();
                if (regularised) {
                    assertNotEquals(0.0, reg, "step " + k + " is among the last 2 trained steps");
                } else {
                    assertEquals(0.0, reg, "step " + k + " is not regularised");
                }
                assertEquals(pg, st.policyLossSum() / st.samples(), 1e-6 * Math.max(1, Math.abs(pg)), "L_pg, step " + k);
                double expected = share * (pg + (regularised ? LAMBDA * reg : 0));
                assertEquals(expected, st.assembledLoss(), 1e-6 * Math.max(1e-3, Math.abs(expected)),
                        "assembled loss, step " + k);
            }
        }
    }
}

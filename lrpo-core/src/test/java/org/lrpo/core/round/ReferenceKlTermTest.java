package org.lrpo.core.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.diffusion.DdimStep;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.lrpo.FidelityTestReward;
import org.lrpo.core.lrpo.LrpoObjective;
import org.lrpo.core.lrpo.RoundReport;
import org.lrpo.core.lrpo.StepStatistics;
import org.lrpo.core.lrpo.TrainingSample;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.ModelSpace;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Policies;

/**
 * The optional KL term to the frozen starting policy (METHOD 6): it runs in the single-JVM trainer (it
 * used to throw for want of a reference), and its value is the hand-computed
 * mean_i mean_d (mu_theta - mu_ref)^2 / (2 sigma_k^2).
 */
class ReferenceKlTermTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);
    }

    private static LrpoSettings settings() {
        return LrpoSettings.read(ConfigLoader.load(Optional.empty(), List.of("model.resolution=16",
                "model.base-channels=8", "model.channel-multipliers=[1,2]", "model.group-norm-groups=4",
                "model.time-embedding-dim=16", "sampler.denoising-steps=6", "rl.faces-per-round=2",
                "rl.group-size=3", "rl.learning-rate=1e-3", "rl.kl-weight=0.5", "seed=5")));
    }

    private static GeneratedPairs faces(LrpoSettings s) {
        return new GeneratedPairs(s.run().seed(), 32, 16, s.degradation().preset(), new FaceSplit(0.1));
    }

    @Test
    void aTrainerWithAKlWeightTrainsAgainstACopyOfItsStartingWeights() {
        LrpoSettings s = settings();
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            ParameterSet start = new NetworkParameters(policy).readAll();
            try (LrpoTrainer trainer = new LrpoTrainer(policy, Optional.empty(), LrpoParts.of(s), faces(s),
                    new FidelityTestReward(), engine)) {
                RoundReport r = trainer.runRound();
                assertTrue(r.updates() > 0, r.toString());
            }
            assertFalse(start.bitwiseEquals(new NetworkParameters(policy).readAll()), "the policy moved");
        }
    }

    @Test
    void theKlValueIsTheMeanSquaredDistanceOfTheTwoMeansOverTwiceTheVariance() {
        LrpoSettings s = settings();
        LrpoParts parts = LrpoParts.of(s);
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed());
             ConditionalDenoiser reference = parts.frozenReference(policy).orElseThrow()) {
            FaceGroup group = parts.rollout(policy).sample(faces(s), 0, 0, 1).get(0);
            List<TrainingSample> samples = List.of(new TrainingSample(group, 0, 1.0),
                    new TrainingSample(group, 1, -0.5), new TrainingSample(group, 2, -0.5));
            LrpoObjective objective = parts.objective(policy, Optional.of(reference), engine);
            assertEquals(0.0, objective.accumulate(samples, 1, 3, 0).klSum(), 0.0,
                    "the starting policy is its own reference");

            // Move the trained weights (the control branch) away from the reference.
            NetworkParameters p = new NetworkParameters(policy);
            ParameterSet moved = p.readTrainable();
            float[] w = moved.flat();
            SplittableRandom rng = new SplittableRandom(11);
            for (int i = 0; i < w.length; i++) {
                w[i] += (float) (0.05 * rng.nextGaussian());
            }
            p.writeTrainable(moved);
            DdimStep step = parts.rolloutStep();
            for (int k : new int[] {0, 3}) {
                StepStatistics st = objective.accumulate(samples, k, 3, 0);
                double hand = handKl(policy, reference, step, group, k);
                assertTrue(hand > 0, "step " + k);
                assertEquals(hand, st.klSum() / st.samples(), 1e-5 * hand, "KL at step " + k);
            }
        }
    }

    /** mean over candidates and elements of (mu_theta - mu_ref)^2 / (2 sigma_k^2), in double. */
    private static double handKl(ConditionalDenoiser policy, ConditionalDenoiser reference, DdimStep step,
                                 FaceGroup group, int k) {
        Shape one = group.rollout().latentShape();
        int g = group.groupSize();
        int d = Math.toIntExact(one.size());
        float[] xt = new float[g * d];
        float[] xPrev = new float[g * d];
        for (int c = 0; c < g; c++) {
            FloatBuffer a = group.rollout().trajectory(c).latent(k);
            a.get(xt, c * d, d);
            FloatBuffer b = group.rollout().trajectory(c).latent(k + 1);
            b.get(xPrev, c * d, d);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(g).addAll(one);
            NDArray x = m.create(xt, shape);
            NDArray prev = m.create(xPrev, shape);
            List<org.lrpo.core.image.RgbImage> conditions = new ArrayList<>();
            for (int c = 0; c < g; c++) {
                conditions.add(group.pair().condition());
            }
            NDArray condition = ModelSpace.batch(m, conditions);
            int[] t = new int[g];
            java.util.Arrays.fill(t, step.timesteps().timestep(k));
            float[] mu = step.rescore(x, policy.predictNoise(x, t, condition), k, prev).mu().toFloatArray();
            float[] muRef = step.rescore(x, reference.predictNoise(x, t, condition), k, prev).mu().toFloatArray();
            double sigma = step.timesteps().sigma(k, step.eta());
            double sum = 0;
            for (int i = 0; i < mu.length; i++) {
                double diff = (double) mu[i] - muRef[i];
                sum += diff * diff / (2 * sigma * sigma);
            }
            return sum / mu.length;
        }
    }
}

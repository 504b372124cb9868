package org.lrpo.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.diffusion.GaussianNoise;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.ModelSpace;
import org.lrpo.core.model.NoGrad;
import org.lrpo.core.model.PolicyConfig;
import org.lrpo.core.random.Seeds;

/**
 * The pre-training loss of METHOD 7 computed by hand for one pair: with {@code pretrain.max-timestep = 1} the
 * only timestep drawn is t = 0, so x_t and the loss follow from the documented eps stream alone.
 */
class SupervisedObjectiveTest {
    private static final int R = 16;
    private static final PolicyConfig CONFIG = PolicyConfig.builder().resolution(R).baseChannels(8)
            .channelMultipliers(1, 2).groupNormGroups(4).timeEmbeddingDim(16).build();
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);
    }

    private static RgbImage image(String name) {
        float[] v = GaussianNoise.draw(Seeds.stream(2L, name), 3 * R * R);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0f, Math.min(1f, 0.5f + 0.2f * v[i]));
        }
        return RgbImage.wrap(R, R, v);
    }

    @Test
    void withOneTimestepTheLossIsTheNoisePredictionErrorAtTZero() {
        NoiseSchedule schedule = NoiseSchedule.stableDiffusion();
        TrainingPair pair = TrainingPair.degraded("face-1", image("hq"), image("lq"));
        long seed = 11;
        long step = 4;
        try (ConditionalDenoiser policy = ConditionalDenoiser.create(CONFIG, Device.cpu(), 3L)) {
            double got = SupervisedObjective.lossSumAndGradient(policy, schedule, engine, List.of(pair), seed, step, 2, 1);

            int d = 3 * R * R;
            float[] eps = new float[d];
            GaussianNoise.fill(Seeds.stream(seed, SupervisedObjective.EPS_DOMAIN, step, 2), eps, 0, d);
            float[] gt = ModelSpace.values(pair.hq());
            double abar = schedule.alphaBar(0);
            float[] xt = new float[d];
            for (int j = 0; j < d; j++) {
                xt[j] = (float) (Math.sqrt(abar) * gt[j] + Math.sqrt(1 - abar) * eps[j]);
            }
            float[] predicted;
            try (NDManager m = policy.manager().newSubManager(); NoGrad ignored = NoGrad.open()) {
                predicted = policy.predictNoise(m.create(xt, new Shape(1, 3, R, R)), new int[] {0},
                        ModelSpace.batch(m, List.of(pair.condition()))).toFloatArray();
            }
            double expected = 0;
            for (int j = 0; j < d; j++) {
                expected += (predicted[j] - eps[j]) * (double) (predicted[j] - eps[j]);
            }
            expected /= d;
            assertEquals(expected, got, 1e-5 * expected, "||eps - eps_theta(x_0, 0, c)||^2 / D");

            double allTimesteps = SupervisedObjective.lossSumAndGradient(policy, schedule, engine, List.of(pair), seed,
                    step, 2);
            assertNotEquals(got, allTimesteps, "over all T the same draw lands on another timestep");
            assertThrows(IllegalArgumentException.class,
                    () -> SupervisedObjective.of(policy, schedule, engine, seed, schedule.steps() + 1));
        }
    }
}

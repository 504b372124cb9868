package org.lrpo.rewards.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Policies;
import org.lrpo.core.train.Pretrainer;
import org.lrpo.core.train.TrainingPair;

/**
 * One small supervised policy shared by the tests that need a trained model: a 16x16 policy pre-trained
 * for 300 steps of batch 32 on generated faces with the DiffBIR degradations (the sizes the learning
 * curves in EXPERIMENTS.md chose). Trained once per test JVM; every test loads the weights into its
 * own policy.
 */
final class SmallPolicyFixture {
    static final int STEPS = 300;
    static final LrpoSettings SETTINGS = LrpoSettings.read(ConfigLoader.load(Optional.empty(), List.of(
            "model.resolution=16", "model.channel-multipliers=[1,2]", "pretrain.optimiser-steps=" + STEPS,
            "pretrain.batch-size=32", "pretrain.learning-rate=1e-3", "pretrain.warmup-steps=20",
            "pretrain.lr-schedule=constant", "pretrain.ema-decay=0", "sampler.denoising-steps=20",
            "degradation.preset=diffbir", "data.generated-identities=256", "data.held-out-fraction=0.2",
            "rl.faces-per-round=4", "rl.group-size=6", "rl.learning-rate=3e-5", "seed=11")));
    static final NoiseSchedule SCHEDULE = NoiseSchedule.stableDiffusion();

    /** The supervised weights and the loss at the start and end of training. */
    record Pretrained(ParameterSet weights, double firstLoss, double lastLoss) {}

    private static Pretrained pretrained;

    private SmallPolicyFixture() {}

    static Engine engine() {
        return TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 0);
    }

    static GeneratedPairs data() {
        return new GeneratedPairs(SETTINGS.run().seed(), SETTINGS.data().generatedIdentities(), 16,
                SETTINGS.degradation().preset(), new FaceSplit(SETTINGS.data().heldOutFraction()));
    }

    static List<TrainingPair> heldOut() {
        return data().heldOut(16);
    }

    /** A fresh (untrained) policy of the fixture's shape. */
    static ConditionalDenoiser newPolicy() {
        return Policies.create(SETTINGS.model(), Device.cpu(), SETTINGS.run().seed());
    }

    static synchronized Pretrained pretrained() {
        if (pretrained == null) {
            try (ConditionalDenoiser policy = newPolicy()) {
                Pretrainer trainer = new Pretrainer(policy, SCHEDULE, engine(), data(), SETTINGS.pretrain(),
                        SETTINGS.run().seed());
                double first = 0;
                double last = 0;
                for (int i = 0; i < STEPS; i++) {
                    double loss = trainer.step().loss();
                    first += i < 20 ? loss / 20 : 0;
                    last += i >= STEPS - 20 ? loss / 20 : 0;
                }
                pretrained = new Pretrained(new NetworkParameters(policy).readAll(), first, last);
            }
        }
        return pretrained;
    }
}

package org.lrpo.rewards.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.diffusion.DdimStep;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.Policies;
import org.lrpo.core.train.Pretrainer;
import org.lrpo.core.train.Restorer;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.rewards.metrics.FidelityProtocol;
import org.lrpo.rewards.metrics.Psnr;
import org.lrpo.rewards.metrics.Ssim;

/**
 * The test that says the model learned something (issue 3): supervised pre-training on generated
 * faces lowers the loss, and on held-out identities the restoration beats the degraded input on both
 * PSNR and SSIM. Lives here because the metrics do; the training is lrpo-core's.
 */
class PretrainingLearnsTest {

    @Test
    void pretrainingLowersTheLossAndRestoresHeldOutFacesBetterThanTheInput() {
        LrpoSettings s = LrpoSettings.read(ConfigLoader.load(Optional.empty(), List.of(
                "model.resolution=32", "pretrain.steps=" + STEPS, "pretrain.batch-size=16",
                "pretrain.learning-rate=5e-4", "pretrain.warmup-steps=10", "pretrain.ema-decay=0",
                "sampler.steps=20", "degradation.preset=gfpgan", "seed=11")));
        Engine engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 0);
        NoiseSchedule schedule = NoiseSchedule.scaledLinear(s.schedule().trainTimesteps(), s.schedule().betaStart(),
                s.schedule().betaEnd());
        GeneratedPairs data = new GeneratedPairs(s.run().seed(), 256, 32, s.degradation().preset(), new FaceSplit(0.2));
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            Pretrainer trainer = new Pretrainer(policy, schedule, engine, data, s.pretrain(), s.run().seed());
            double first = 0;
            double last = 0;
            for (int i = 0; i < STEPS; i++) {
                double loss = trainer.step().loss();
                if (i < 10) {
                    first += loss / 10;
                }
                if (i >= STEPS - 10) {
                    last += loss / 10;
                }
            }
            assertTrue(last < 0.5 * first, "loss fell from " + first + " to " + last);

            List<TrainingPair> heldOut = data.heldOut(8);
            Restorer restorer = new Restorer(policy, new DdimStep(schedule.ddim(s.sampler().steps()), 0.0, true), s.run().seed());
            List<RgbImage> restored = restorer.restore(heldOut.stream().map(TrainingPair::lq).toList(),
                    heldOut.stream().map(TrainingPair::id).toList(), 8);
            double psnrIn = 0;
            double psnrOut = 0;
            double ssimIn = 0;
            double ssimOut = 0;
            for (int i = 0; i < heldOut.size(); i++) {
                RgbImage hq = heldOut.get(i).hq();
                psnrIn += Psnr.compute(heldOut.get(i).lq(), hq, FidelityProtocol.RGB) / heldOut.size();
                psnrOut += Psnr.compute(restored.get(i), hq, FidelityProtocol.RGB) / heldOut.size();
                ssimIn += Ssim.compute(heldOut.get(i).lq(), hq, FidelityProtocol.RGB) / heldOut.size();
                ssimOut += Ssim.compute(restored.get(i), hq, FidelityProtocol.RGB) / heldOut.size();
            }
            System.out.printf("held-out PSNR %.2f -> %.2f dB, SSIM %.4f -> %.4f%n", psnrIn, psnrOut, ssimIn, ssimOut);
            assertTrue(psnrOut > psnrIn, "PSNR restored " + psnrOut + " vs degraded " + psnrIn);
            assertTrue(ssimOut > ssimIn, "SSIM restored " + ssimOut + " vs degraded " + ssimIn);
        }
    }

    private static final int STEPS = 80;
}

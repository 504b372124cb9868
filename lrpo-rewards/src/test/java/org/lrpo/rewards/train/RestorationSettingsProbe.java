package org.lrpo.rewards.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.model.RestorationNet;
import org.lrpo.core.restoration.RestorationObjective;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.Pretrainer;
import org.lrpo.core.train.TrainingPair;

/**
 * Not a test: trains stage 1 under the given overrides (on top of the defaults) and prints the
 * held-out PSNR/SSIM gain over the degraded input every 100 steps (live weights), to choose the
 * profile's lrpo.restoration settings. Args: key=value overrides.
 */
public final class RestorationSettingsProbe {
    private RestorationSettingsProbe() {}

    public static void main(String[] args) {
        LrpoSettings s = LrpoSettings.read(ConfigLoader.load(Optional.empty(), Arrays.asList(args)));
        Engine engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", ".cache/djl")), 0);
        int res = s.model().resolution();
        GeneratedPairs data = new GeneratedPairs(s.run().seed(), s.data().generatedIdentities(), res,
                s.degradation().preset(), new FaceSplit(s.data().heldOutFraction()));
        List<TrainingPair> heldOut = data.heldOut(32);
        try (RestorationNet net = RestorationNet.create(s.restoration().network(), Device.cpu(), s.run().seed())) {
            Pretrainer trainer = new Pretrainer(net, new RestorationObjective(net, engine, s.restoration().loss()), data,
                    s.restoration().optimiser(), s.run().seed());
            long t0 = System.nanoTime();
            HeldOutQuality start = quality(net, heldOut);
            System.out.printf("%s: %d parameters; input PSNR %.3f SSIM %.4f%n", List.of(args), net.parameterCount(),
                    start.inputPsnr(), start.inputSsim());
            for (int i = 1; i <= s.restoration().optimiser().optimiserSteps(); i++) {
                trainer.step();
                if (i % 100 == 0) {
                    HeldOutQuality q = quality(net, heldOut);
                    System.out.printf("step %d (%.0f s): gain %+.3f dB, %+.4f SSIM%n", i, (System.nanoTime() - t0) / 1e9,
                            q.psnr() - q.inputPsnr(), q.ssim() - q.inputSsim());
                }
            }
            trainer.useEmaWeights();
            HeldOutQuality q = quality(net, heldOut);
            System.out.printf("EMA: gain %+.3f dB, %+.4f SSIM%n", q.psnr() - q.inputPsnr(), q.ssim() - q.inputSsim());
        }
    }

    private static HeldOutQuality quality(RestorationNet net, List<TrainingPair> pairs) {
        return RestorationLearnsTest.quality(net, pairs);
    }
}

package org.lrpo.rewards.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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

/** Scratch probe: held-out PSNR/SSIM every N pre-training steps. Args: evalEvery then overrides. */
public final class LearningCurveProbe {
    public static void main(String[] args) {
        int every = Integer.parseInt(args[0]);
        LrpoSettings s = LrpoSettings.read(ConfigLoader.load(Optional.empty(),
                Arrays.asList(args).subList(1, args.length)));
        Engine engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", ".cache/djl")), 0);
        NoiseSchedule schedule = NoiseSchedule.scaledLinear(1000, 0.00085, 0.012);
        int res = s.model().resolution();
        GeneratedPairs data = new GeneratedPairs(s.run().seed(), s.data().generatedIdentities(), res, s.degradation().preset(), new FaceSplit(s.data().heldOutFraction()));
        List<TrainingPair> heldOut = data.heldOut(8);
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            System.out.println("params " + policy.parameterCount());
            Pretrainer trainer = new Pretrainer(policy, schedule, engine, data, s.pretrain(), s.run().seed());
            long t0 = System.nanoTime();
            double avg = 0;
            for (int i = 1; i <= s.pretrain().steps(); i++) {
                double loss = trainer.step().loss();
                avg = i == 1 ? loss : 0.9 * avg + 0.1 * loss;
                if (i % every == 0) {
                    for (double kk : new double[] {1.0, 0.6, 0.4}) {
                        Restorer r = new Restorer(policy, new DdimStep(schedule.ddim(s.sampler().steps()), 0.0, true), 1, kk);
                        List<RgbImage> out = r.restore(heldOut.stream().map(TrainingPair::lq).toList(),
                                heldOut.stream().map(TrainingPair::id).toList(), 8);
                        double pi = 0, po = 0, si = 0, so = 0;
                        for (int j = 0; j < 8; j++) {
                            RgbImage hq = heldOut.get(j).hq();
                            pi += Psnr.compute(heldOut.get(j).lq(), hq, FidelityProtocol.RGB) / 8;
                            po += Psnr.compute(out.get(j), hq, FidelityProtocol.RGB) / 8;
                            si += Ssim.compute(heldOut.get(j).lq(), hq, FidelityProtocol.RGB) / 8;
                            so += Ssim.compute(out.get(j), hq, FidelityProtocol.RGB) / 8;
                        }
                        System.out.printf("step %d %.0fs loss %.4f strength=%.1f PSNR %.2f->%.2f SSIM %.3f->%.3f%n", i,
                                (System.nanoTime() - t0) / 1e9, avg, kk, pi, po, si, so);
                    }
                }
            }
        }
    }
}

package org.lrpo.rewards.train;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.config.FinalImage;
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
 * Pre-training learning curve: held-out PSNR/SSIM of the restorations (RGB and VQFR protocols) every N
 * steps, for restoration strengths 1.0 and 0.5 and 1 or 4 averaged samples. Not a test; the curves in
 * EXPERIMENTS.md come from it and chose the sizes of {@link PretrainingLearnsTest}.
 *
 * <p>Arguments: the evaluation interval, then {@code key=value} configuration overrides.
 */
public final class LearningCurveProbe {
    private LearningCurveProbe() {}

    public static void main(String[] args) {
        int every = Integer.parseInt(args[0]);
        LrpoSettings s = LrpoSettings.read(ConfigLoader.load(Optional.empty(),
                Arrays.asList(args).subList(1, args.length)));
        TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", ".cache/djl")), 0);
        NoiseSchedule schedule = NoiseSchedule.stableDiffusion();
        GeneratedPairs data = new GeneratedPairs(s.run().seed(), s.data().generatedIdentities(), s.model().resolution(),
                s.degradation().preset(), new FaceSplit(s.data().heldOutFraction()));
        List<TrainingPair> heldOut = data.heldOut(16);
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            System.out.println("params " + policy.parameterCount());
            Pretrainer trainer = new Pretrainer(policy, schedule, TensorEngine.start(Path.of("."), 0), data,
                    s.pretrain(), s.run().seed());
            long t0 = System.nanoTime();
            double avg = 0;
            for (int i = 1; i <= s.pretrain().optimiserSteps(); i++) {
                double loss = trainer.step().loss();
                avg = i == 1 ? loss : 0.9 * avg + 0.1 * loss;
                if (i % every == 0 || i == s.pretrain().optimiserSteps()) {
                    evaluate(i, (System.nanoTime() - t0) / 1e9, avg, policy, schedule, s, heldOut);
                }
            }
        }
    }

    private static void evaluate(int step, double seconds, double loss, ConditionalDenoiser policy,
                                 NoiseSchedule schedule, LrpoSettings s, List<TrainingPair> heldOut) {
        for (double strength : new double[] {1.0, 0.5}) {
            for (int samples : new int[] {1, 4}) {
                Restorer r = new Restorer(policy, new DdimStep(schedule.ddim(s.sampler().denoisingSteps()), 0.0, true), 1,
                        strength, samples, FinalImage.X_PREV);
                List<RgbImage> out = r.restore(heldOut.stream().map(TrainingPair::lq).toList(),
                        heldOut.stream().map(TrainingPair::id).toList(), 16);
                for (FidelityProtocol protocol : new FidelityProtocol[] {FidelityProtocol.RGB, FidelityProtocol.VQFR}) {
                    double pi = 0;
                    double po = 0;
                    double si = 0;
                    double so = 0;
                    int n = heldOut.size();
                    for (int j = 0; j < n; j++) {
                        RgbImage hq = heldOut.get(j).hq();
                        pi += Psnr.compute(heldOut.get(j).lq(), hq, protocol) / n;
                        po += Psnr.compute(out.get(j), hq, protocol) / n;
                        si += Ssim.compute(heldOut.get(j).lq(), hq, protocol) / n;
                        so += Ssim.compute(out.get(j), hq, protocol) / n;
                    }
                    System.out.printf("step %d %.0fs loss %.4f strength=%.1f n=%d %s PSNR %.2f->%.2f SSIM %.3f->%.3f%n",
                            step, seconds, loss, strength, samples, protocol == FidelityProtocol.RGB ? "rgb" : "vqfr",
                            pi, po, si, so);
                }
            }
        }
    }
}

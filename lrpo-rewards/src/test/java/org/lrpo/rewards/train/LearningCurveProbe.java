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
        List<TrainingPair> heldOut = data.heldOut(16);
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            System.out.println("params " + policy.parameterCount());
            Pretrainer trainer = new Pretrainer(policy, schedule, engine, data, s.pretrain(), s.run().seed());
            long t0 = System.nanoTime();
            double avg = 0;
            for (int i = 1; i <= s.pretrain().steps(); i++) {
                double loss = trainer.step().loss();
                avg = i == 1 ? loss : 0.9 * avg + 0.1 * loss;
                if (i % every == 0 || i == s.pretrain().steps()) {
                    if (i == s.pretrain().steps() && s.pretrain().emaDecay() > 0) {
                        evalAll(i, "raw", policy, schedule, s, heldOut, t0, avg);
                        trainer.useEmaWeights();
                        evalAll(i, "ema", policy, schedule, s, heldOut, t0, avg);
                        continue;
                    }
                    evalAll(i, "raw", policy, schedule, s, heldOut, t0, avg);
                }
            }
        }
    }

    static void evalAll(int i, String tag, ConditionalDenoiser policy, NoiseSchedule schedule, LrpoSettings s,
                        List<TrainingPair> heldOut, long t0, double avg) {
        for (double kk : new double[] {1.0, 0.5}) { for (int ns : new int[] {1, 4}) {
            Restorer r = new Restorer(policy, new DdimStep(schedule.ddim(s.sampler().steps()), 0.0, true), 1, kk, ns);
            List<RgbImage> out = r.restore(heldOut.stream().map(TrainingPair::lq).toList(),
                    heldOut.stream().map(TrainingPair::id).toList(), 16);
          for (FidelityProtocol proto : new FidelityProtocol[] {FidelityProtocol.RGB, FidelityProtocol.VQFR}) {
            double pi = 0, po = 0, si = 0, so = 0;
            int n = heldOut.size();
            for (int j = 0; j < n; j++) {
                RgbImage hq = heldOut.get(j).hq();
                pi += Psnr.compute(heldOut.get(j).lq(), hq, proto) / n;
                po += Psnr.compute(out.get(j), hq, proto) / n;
                si += Ssim.compute(heldOut.get(j).lq(), hq, proto) / n;
                so += Ssim.compute(out.get(j), hq, proto) / n;
            }
            System.out.printf("step %d %s %.0fs loss %.4f strength=%.1f n=%d %s PSNR %.2f->%.2f SSIM %.3f->%.3f%n", i, tag,
                    (System.nanoTime() - t0) / 1e9, avg, kk, ns, proto == FidelityProtocol.RGB ? "rgb" : "vqfr", pi, po, si, so);
          }
        } }
    }
}

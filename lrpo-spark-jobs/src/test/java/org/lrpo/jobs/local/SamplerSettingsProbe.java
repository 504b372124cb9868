package org.lrpo.jobs.local;

import ai.djl.Device;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.CheckpointFinder;
import org.lrpo.core.checkpoint.CheckpointReader;
import org.lrpo.core.checkpoint.LocalCheckpointStore;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.restoration.ConditionedPairs;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.restoration.Stage1Checkpoints;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.rewards.reward.CompositeReward;
import org.lrpo.rewards.reward.RewardRegistry;
import org.lrpo.rewards.reward.RewardSettings;

/**
 * Not a test: scores a finished demo's checkpoints (OUTPUT-DIR of {@code bin/lrpo demo}) on held-out
 * generated faces under several restoration settings, to choose the profile's sampler settings.
 * Args: output dir, then {@code strength:eta[:final-image]}, e.g. {@code lrpo-out 0.5:0.8 0.3:0.0:x0-hat}; system property
 * {@code probe.pretrain-step} picks an earlier pre-training checkpoint for the supervised row.
 */
public final class SamplerSettingsProbe {
    private SamplerSettingsProbe() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        for (int a = 1; a < args.length; a++) {
            String[] se = args[a].split(":");
            Config config = ConfigLoader.load(Optional.of(Path.of("conf/local.conf")),
                    List.of("sampler.restore-strength=" + se[0], "sampler.eta-restore=" + se[1],
                            "sampler.final-image=" + (se.length > 2 ? se[2] : "x-prev")));
            LrpoSettings s = LrpoSettings.read(config);
            LocalPipeline pipeline = new LocalPipeline(s, config, System.out);
            try (FrozenRestoration stage1 = Stage1Checkpoints.loadNewest(new LocalCheckpointStore(out.resolve("stage1/checkpoints")),
                    s.restoration(), Device.cpu(), s.run().seed());
                 CompositeReward reward = RewardRegistry.builtIns().build().build(RewardSettings.read(config));
                 ConditionalDenoiser supervised = pipeline.newPolicy();
                 ConditionalDenoiser lrpo = pipeline.newPolicy()) {
                load(supervised, out.resolve("pretrain/checkpoints"), true, System.getProperty("probe.pretrain-step"));
                load(lrpo, out.resolve("train/checkpoints"), false, null);
                GeneratedPairs faces = new GeneratedPairs(s.run().seed(), s.data().generatedIdentities(),
                        s.model().resolution(), s.degradation().preset(), new FaceSplit(s.data().heldOutFraction()));
                List<TrainingPair> heldOut = ConditionedPairs.condition(faces.heldOut(32), stage1);
                List<RgbImage> truth = new ArrayList<>();
                List<RgbImage> lq = new ArrayList<>();
                List<RgbImage> clean = new ArrayList<>();
                List<RgbImage> sup = new ArrayList<>();
                List<RgbImage> rl = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    heldOut.forEach(p -> truth.add(p.hq()));
                    heldOut.forEach(p -> lq.add(p.lq()));
                    heldOut.forEach(p -> clean.add(p.condition()));
                    sup.addAll(pipeline.restore(supervised, heldOut, k));
                    rl.addAll(pipeline.restore(lrpo, heldOut, k));
                }
                System.out.println("== " + args[a] + " (strength:eta[:final-image])");
                for (Evaluation e : List.of(Evaluation.of("input", lq, truth, reward), Evaluation.of("stage 1", clean, truth, reward),
                        Evaluation.of("supervised", sup, truth, reward), Evaluation.of("LRPO", rl, truth, reward))) {
                    System.out.printf("%-12s PSNR %6.2f SSIM %.4f speckle %.2f reward %.4f %s%n", e.name(), e.psnr(), e.ssim(),
                            e.speckle(), e.reward(), e.components());
                }
            }
        }
    }

    private static void load(ConditionalDenoiser policy, Path dir, boolean ema, String step) throws Exception {
        LocalCheckpointStore store = new LocalCheckpointStore(dir);
        String newest = step != null ? String.format("step-%012d", Long.parseLong(step))
                : new CheckpointFinder(store).newestComplete().orElseThrow();
        NetworkParameters p = new NetworkParameters(policy);
        CheckpointContents c = new CheckpointReader(store).load(newest, p.allLayout(), p.trainableLayout()).contents();
        p.writeAll(c.weights());
        if (ema && c.ema().isPresent()) {
            p.writeTrainable(ParameterSet.wrap(p.trainableLayout(), c.ema().get().state().shadow()));
        }
    }
}

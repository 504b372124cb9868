package org.lrpo.jobs.local;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.checkpoint.CheckpointWriter;
import org.lrpo.core.checkpoint.LocalCheckpointStore;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.RlSettings;
import org.lrpo.core.diffusion.DdimStep;
import org.lrpo.core.diffusion.DdimTimesteps;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.engine.DeviceSelector;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.lrpo.LrpoTrainer;
import org.lrpo.core.lrpo.RoundReport;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.Policies;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Pretrainer;
import org.lrpo.core.train.Restorer;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.jobs.spark.ExecutorEngine;

/**
 * Pre-training, LRPO and held-out evaluation in this JVM on generated faces, through the same core
 * API the Spark jobs distribute. The demo and the ablation experiment are built from these pieces.
 */
public final class LocalPipeline {
    private final LrpoSettings settings;
    private final String configText;
    private final Engine engine;
    private final Device device;
    private final NoiseSchedule schedule;
    private final GeneratedPairs faces;
    private final PrintStream out;

    public LocalPipeline(LrpoSettings settings, Config config, PrintStream out) {
        this.settings = settings;
        this.configText = config.getConfig("lrpo").root().render(ConfigRenderOptions.concise());
        this.engine = ExecutorEngine.get(settings.run());
        this.device = DeviceSelector.select(settings.run().device(), List.of(), engine.getGpuCount());
        this.schedule = NoiseSchedule.scaledLinear(settings.schedule().trainTimesteps(),
                settings.schedule().betaStart(), settings.schedule().betaEnd());
        this.faces = new GeneratedPairs(settings.run().seed(), settings.data().generatedIdentities(),
                settings.model().resolution(), settings.degradation().preset(),
                new FaceSplit(settings.data().heldOutFraction()));
        this.out = out;
    }

    /** A fresh policy as configured. */
    public ConditionalDenoiser newPolicy() {
        return Policies.create(settings.model(), device, settings.run().seed());
    }

    public DdimTimesteps timesteps() {
        return schedule.ddim(settings.sampler().steps());
    }

    /** Supervised pre-training of {@code policy} (METHOD 7); returns the weights to start LRPO from. */
    public ParameterSet pretrain(ConditionalDenoiser policy, Path checkpoints, MetricsLog metrics) throws IOException {
        Pretrainer pretrainer = new Pretrainer(policy, schedule, engine, faces, settings.pretrain(),
                settings.run().seed());
        LocalCheckpointStore store = new LocalCheckpointStore(checkpoints);
        int steps = settings.pretrain().steps();
        ProgressLine progress = new ProgressLine("pretrain step", steps, out);
        double smoothed = Double.NaN;
        for (int i = 1; i <= steps; i++) {
            Pretrainer.StepReport r = pretrainer.step();
            smoothed = Double.isNaN(smoothed) ? r.loss() : 0.95 * smoothed + 0.05 * r.loss();
            metrics.append("pretrain", r);
            if (i % 25 == 0 || i == steps) {
                progress.report(i, String.format("loss %.4f  lr %.2e", smoothed, r.lr()));
            }
            int every = settings.pretrain().checkpointEvery();
            if ((every > 0 && i % every == 0) || i == steps) {
                new CheckpointWriter(store).write(pretrainer.checkpoint(configText));
            }
        }
        pretrainer.useEmaWeights();
        return pretrainer.parameters().readAll();
    }

    /** {@code rl.rounds()} LRPO rounds on {@code policy} (METHOD 3-6). */
    public void lrpo(ConditionalDenoiser policy, RlSettings rl, long seed, Reward reward, Optional<Path> checkpoints,
                     MetricsLog metrics) throws IOException {
        DdimStep rolloutStep = new DdimStep(timesteps(), settings.sampler().etaRollout(), settings.sampler().clipX0());
        LrpoTrainer trainer = new LrpoTrainer(policy, Optional.empty(), rolloutStep, rl,
                faces.forStage(GeneratedPairs.RL_STAGE), reward, engine, seed);
        ProgressLine progress = new ProgressLine("LRPO round", rl.rounds(), out);
        for (int i = 1; i <= rl.rounds(); i++) {
            RoundReport r = trainer.round();
            metrics.append("lrpo", r);
            progress.report(i, String.format("reward %.4f  clip fraction %.3f  kept groups %d/%d",
                    r.rewardMean(), r.clipFraction(), r.keptGroups(), r.groups()));
            int every = rl.checkpointEvery();
            if (checkpoints.isPresent() && ((every > 0 && i % every == 0) || i == rl.rounds())) {
                new CheckpointWriter(new LocalCheckpointStore(checkpoints.get())).write(trainer.checkpoint(configText));
            }
        }
    }

    /** The first {@code count} held-out faces (identities never trained on), each degraded once. */
    public List<TrainingPair> heldOut(int count) {
        return faces.heldOut(count);
    }

    /** Restorations of the held-out pairs with the restoration eta, reproducible by face id. */
    public List<RgbImage> restore(ConditionalDenoiser policy, List<TrainingPair> pairs) {
        DdimStep step = new DdimStep(timesteps(), settings.sampler().etaRestore(), settings.sampler().clipX0());
        Restorer restorer = new Restorer(policy, step, settings.run().seed(), settings.sampler().restoreStrength(),
                settings.sampler().restoreSamples());
        return restorer.restore(pairs.stream().map(TrainingPair::lq).toList(),
                pairs.stream().map(TrainingPair::id).toList(), 16);
    }

    /** Writes weights into {@code policy}. */
    public static void load(ConditionalDenoiser policy, ParameterSet weights) {
        new NetworkParameters(policy).writeAll(weights);
    }
}

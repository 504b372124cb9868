package org.lrpo.jobs.local;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.checkpoint.CheckpointWriter;
import org.lrpo.core.checkpoint.LocalCheckpointStore;
import org.lrpo.core.checkpoint.WeightsFingerprint;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.PretrainSettings;
import org.lrpo.core.config.RlSettings;
import org.lrpo.core.config.SecretRedaction;
import org.lrpo.core.diffusion.DdimTimesteps;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.engine.DeviceSelector;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.lrpo.RoundReport;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.RestorationNet;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.restoration.ConditionedPairs;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.restoration.RestorationObjective;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.round.LrpoParts;
import org.lrpo.core.round.LrpoTrainer;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.PairSource;
import org.lrpo.core.train.Policies;
import org.lrpo.core.train.Pretrainer;
import org.lrpo.core.train.Restorer;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.jobs.spark.ExecutorEngine;

/**
 * The two-stage model in this JVM on generated faces, through the same core API the Spark jobs
 * distribute: stage 1 (the restoration module R), then the diffusion policy's pre-training and LRPO
 * conditioned on {@code R(lq)}, and held-out evaluation. The claims experiment ({@link ClaimsExperiment}) is
 * built from these pieces.
 *
 * <p>The generated faces (training pairs, held-out faces) and the restoration noise always come from the run
 * seed; the networks' initialisation and the supervised trainers' noise come from the <em>model seed</em>
 * (the run seed unless given), so pipelines of several pre-training seeds share their faces.
 */
public final class LocalPipeline {
    private final LrpoSettings settings;
    private final String configText;
    private final Engine engine;
    private final Device device;
    private final NoiseSchedule schedule;
    private final GeneratedPairs faces;
    private final PrintStream out;
    private final long modelSeed;
    private FrozenRestoration stage1;

    public LocalPipeline(LrpoSettings settings, Config config, PrintStream out) {
        this(settings, config, settings.run().seed(), out);
    }

    /** @param modelSeed seeds the networks' initialisation and the supervised stages (a pre-training seed) */
    public LocalPipeline(LrpoSettings settings, Config config, long modelSeed, PrintStream out) {
        this.settings = settings;
        this.modelSeed = modelSeed;
        this.configText = SecretRedaction.lrpoText(config);
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
        return Policies.create(settings.model(), device, modelSeed);
    }

    public DdimTimesteps timesteps() {
        return schedule.ddim(settings.sampler().denoisingSteps());
    }

    /**
     * Stage 1 (METHOD 7, item 1): trains the restoration module R on the generated pairs, then freezes it
     * (its EMA weights when configured); every later stage of this pipeline is conditioned on its output.
     */
    public FrozenRestoration trainStage1(Path checkpoints, MetricsLog metrics) throws IOException {
        RestorationNet net = RestorationNet.create(settings.restoration().network(), device, modelSeed);
        Pretrainer trainer = new Pretrainer(net, new RestorationObjective(net, engine, settings.restoration().loss()),
                faces, settings.restoration().optimiser(), modelSeed);
        supervise(trainer, settings.restoration().optimiser(), "restoration", checkpoints, metrics);
        ParameterSet weights = trainer.parameters().readAll();
        if (stage1 != null) {
            stage1.close();
        }
        stage1 = new FrozenRestoration(net, settings.restoration().tileSize(), WeightsFingerprint.of(weights));
        return stage1;
    }

    /** Stage 1 from weights saved earlier ({@link #stage1Weights()}), instead of training it. */
    public FrozenRestoration useStage1(ParameterSet weights) {
        RestorationNet net = RestorationNet.create(settings.restoration().network(), device, modelSeed);
        new NetworkParameters(net).writeAll(weights);
        if (stage1 != null) {
            stage1.close();
        }
        stage1 = new FrozenRestoration(net, settings.restoration().tileSize(), WeightsFingerprint.of(weights));
        return stage1;
    }

    /** Every weight of the frozen stage 1. */
    public ParameterSet stage1Weights() {
        return new NetworkParameters(stage1OrThrow().network()).readAll();
    }

    /** Supervised pre-training of {@code policy} given {@code R(lq)} (METHOD 7); returns the weights to start LRPO from. */
    public ParameterSet pretrain(ConditionalDenoiser policy, Path checkpoints, MetricsLog metrics) throws IOException {
        Pretrainer pretrainer = new Pretrainer(policy, schedule, engine, conditioned(faces), settings.pretrain(),
                modelSeed);
        supervise(pretrainer, settings.pretrain(), "pretrain", checkpoints, metrics);
        return pretrainer.parameters().readAll();
    }

    /** Runs {@code trainer} to the end, with progress and checkpoints, and leaves its EMA weights in the network. */
    private void supervise(Pretrainer pretrainer, PretrainSettings opt, String label, Path checkpoints,
                           MetricsLog metrics) throws IOException {
        LocalCheckpointStore store = new LocalCheckpointStore(checkpoints);
        int steps = opt.optimiserSteps();
        ProgressLine progress = new ProgressLine(label + " step", steps, out);
        double smoothed = Double.NaN;
        for (int i = 1; i <= steps; i++) {
            Pretrainer.StepReport r = pretrainer.step();
            smoothed = Double.isNaN(smoothed) ? r.loss() : 0.95 * smoothed + 0.05 * r.loss();
            metrics.append(label, r);
            if (i % 25 == 0 || i == steps) {
                progress.report(i, String.format("loss %.4f  lr %.2e", smoothed, r.lr()));
            }
            int every = opt.checkpointEvery();
            if ((every > 0 && i % every == 0) || i == steps) {
                new CheckpointWriter(store).write(pretrainer.checkpoint(configText));
            }
        }
        pretrainer.useEmaWeights();
    }

    /** {@code source}'s pairs conditioned on the trained stage 1. */
    private PairSource conditioned(PairSource source) {
        if (stage1 == null) {
            throw new IllegalStateException("stage 1 is not trained yet: call trainStage1 first");
        }
        return new ConditionedPairs(source, stage1);
    }

    /** {@code rl.rounds()} LRPO rounds on {@code policy} (METHOD 3-6). */
    public void lrpo(ConditionalDenoiser policy, RlSettings rl, long seed, Reward reward, Optional<Path> checkpoints,
                     MetricsLog metrics) throws IOException {
        lrpo(policy, rl, seed, reward, checkpoints, metrics, round -> { });
    }

    /** Called after each LRPO round with the number of rounds done, the policy holding their weights. */
    @FunctionalInterface
    public interface RoundListener {
        void roundDone(int rounds) throws IOException;
    }

    /** As {@link #lrpo(ConditionalDenoiser, RlSettings, long, Reward, Optional, MetricsLog)}, calling {@code after}. */
    public void lrpo(ConditionalDenoiser policy, RlSettings rl, long seed, Reward reward, Optional<Path> checkpoints,
                     MetricsLog metrics, RoundListener after) throws IOException {
        try (LrpoTrainer trainer = new LrpoTrainer(policy, Optional.empty(), LrpoParts.of(settings, rl, seed),
                conditioned(faces.forStage(GeneratedPairs.RL_STAGE)), reward, engine)) {
            ProgressLine progress = new ProgressLine("LRPO round", rl.rounds(), out);
            for (int i = 1; i <= rl.rounds(); i++) {
                RoundReport r = trainer.runRound();
                metrics.append("lrpo", r);
                progress.report(i, String.format("reward %.4f  clip fraction %.3f  kept groups %d/%d",
                        r.rewardMean(), r.clipFraction(), r.keptGroups(), r.groups()));
                int every = rl.checkpointEvery();
                if (checkpoints.isPresent() && ((every > 0 && i % every == 0) || i == rl.rounds())) {
                    new CheckpointWriter(new LocalCheckpointStore(checkpoints.get()))
                            .write(trainer.checkpoint(configText));
                }
                after.roundDone(i);
            }
        }
    }

    /** The first {@code count} held-out faces (identities never trained on), each degraded once, conditioned. */
    public List<TrainingPair> heldOut(int count) {
        return ConditionedPairs.condition(faces.heldOut(count), stage1OrThrow());
    }

    private FrozenRestoration stage1OrThrow() {
        if (stage1 == null) {
            throw new IllegalStateException("stage 1 is not trained yet: call trainStage1 first");
        }
        return stage1;
    }

    /** Restorations of the pairs (given their conditions) with the restoration eta, reproducible by face id. */
    public List<RgbImage> restore(ConditionalDenoiser policy, List<TrainingPair> pairs) {
        return restore(policy, pairs, 0);
    }

    /**
     * Restoration number {@code sample} of each pair: sample 0 is {@link #restore(ConditionalDenoiser, List)},
     * each other sample draws its noise from the run seed's {@code "evaluation-sample"} stream of that number.
     */
    public List<RgbImage> restore(ConditionalDenoiser policy, List<TrainingPair> pairs, int sample) {
        long seed = sample == 0 ? settings.run().seed() : Seeds.derive(settings.run().seed(), "evaluation-sample", sample);
        Restorer restorer = Restorer.configured(policy, settings, seed);
        return restorer.restore(pairs.stream().map(TrainingPair::condition).toList(),
                pairs.stream().map(TrainingPair::id).toList(), 16);
    }

    /** Writes weights into {@code policy}. */
    public static void load(ConditionalDenoiser policy, ParameterSet weights) {
        new NetworkParameters(policy).writeAll(weights);
    }
}

package org.lrpo.core.train;

import ai.djl.engine.Engine;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.EmaSnapshot;
import org.lrpo.core.checkpoint.OptimizerSnapshot;
import org.lrpo.core.checkpoint.RngCoordinates;
import org.lrpo.core.config.LearningRateShape;
import org.lrpo.core.config.PretrainSettings;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.TrainableNetwork;
import org.lrpo.core.optim.AdamW;
import org.lrpo.core.optim.Ema;
import org.lrpo.core.optim.GuardedUpdater;
import org.lrpo.core.optim.LearningRateSchedule;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.optim.ParameterUpdater;

/**
 * Supervised training in one JVM (METHOD section 7), for either stage: each step draws a batch, computes
 * the gradient of the mean loss ({@link SupervisedObjective} for the diffusion model,
 * {@link org.lrpo.core.restoration.RestorationObjective} for the restoration module), clips it and
 * applies AdamW (plus EMA). The Spark job runs the same objective on shards and the same
 * {@link ParameterUpdater} on the driver.
 */
public final class Pretrainer {
    private final ShardObjective objective;
    private final PairSource data;
    private final PretrainSettings settings;
    private final long seed;
    private final NetworkParameters parameters;
    private final ParameterSet trainable;
    private GuardedUpdater updater;
    private final float[] gradients;
    private long step;

    /** One optimiser step's numbers. */
    public record StepReport(long step, double loss, double lr, double gradNorm, boolean skipped) {}

    /** Pre-training of the diffusion policy on {@code data}'s pairs (their conditions: {@code R(lq)}). */
    public Pretrainer(ConditionalDenoiser policy, NoiseSchedule schedule, Engine engine, PairSource data,
                      PretrainSettings settings, long seed) {
        this(policy, SupervisedObjective.of(policy, schedule, engine, seed), data, settings, seed);
    }

    /** Training of {@code network} with {@code objective}, an objective over that network. */
    public Pretrainer(TrainableNetwork network, ShardObjective objective, PairSource data, PretrainSettings settings,
                      long seed) {
        this.objective = objective;
        this.data = data;
        this.settings = settings;
        this.seed = seed;
        this.parameters = new NetworkParameters(network);
        this.trainable = parameters.readTrainable();
        this.updater = guarded(newUpdater(settings, parameters, trainable));
        this.gradients = new float[trainable.layout().totalSize()];
    }

    /** The optimiser METHOD 7 uses, as configured: AdamW without decay on biases and norms, clip, EMA. */
    public static ParameterUpdater newUpdater(PretrainSettings s, NetworkParameters parameters, ParameterSet trainable) {
        boolean[] decay = parameters.trainableLayout().mask(name -> !name.endsWith("bias") && !name.contains("norm"));
        AdamW adamW = new AdamW(new AdamW.Config(0.9, 0.999, 1e-8, s.weightDecay()), decay);
        Optional<Ema> ema = s.emaDecay() > 0 ? Optional.of(new Ema(s.emaDecay(), trainable.flat())) : Optional.empty();
        return new ParameterUpdater(adamW, scheduleOf(s), clipOf(s), ema);
    }

    private static LearningRateSchedule scheduleOf(PretrainSettings s) {
        return s.lrShape() == LearningRateShape.COSINE && s.steps() > s.warmupSteps()
                ? LearningRateSchedule.cosine(s.learningRate(), 0.0, s.warmupSteps(), s.steps())
                : LearningRateSchedule.constant(s.learningRate(), s.warmupSteps());
    }

    private static double clipOf(PretrainSettings s) {
        return s.gradClip() > 0 ? s.gradClip() : Double.POSITIVE_INFINITY;
    }

    /** Runs one optimiser step on the next batch. */
    public StepReport step() {
        int b = settings.batchSize();
        List<TrainingPair> pairs = data.batch(step, 0, b);
        parameters.zeroGradients();
        double lossSum = objective.lossSumAndGradient(pairs, step, 0);
        parameters.readGradients(gradients);
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] /= b;
        }
        ParameterUpdater.Result r = updater.apply(trainable.flat(), gradients, "step " + step);
        if (!r.skipped()) {
            parameters.writeTrainable(trainable);
        }
        StepReport report = new StepReport(step, lossSum / b, r.lr(), r.gradNorm(), r.skipped());
        step++;
        return report;
    }

    public long stepCount() {
        return step;
    }

    /** Swaps the EMA weights into the policy (for evaluation or export); no-op without EMA. */
    public void useEmaWeights() {
        updater.updater().ema().ifPresent(e -> parameters.writeTrainable(ParameterSet.wrap(trainable.layout(), e.shadow())));
    }

    /** Everything needed to resume exactly. */
    public CheckpointContents checkpoint(String configText) {
        return new CheckpointContents(step, new RngCoordinates(seed, step), configText, parameters.readAll(),
                Optional.of(new OptimizerSnapshot(trainable.layout(), updater.updater().adamW().exportState())),
                updater.updater().ema().map(e -> new EmaSnapshot(trainable.layout(), e.exportState())))
                .withLinks(data.links());
    }

    /**
     * Continues from a checkpoint this trainer's configuration wrote: weights, AdamW moments and step
     * count, EMA, and the data step. The next {@link #step()} is the one an uninterrupted run would take.
     */
    public void restore(CheckpointContents c) {
        parameters.writeAll(c.weights());
        trainable.copyFrom(parameters.readTrainable().flat());
        updater = guarded(restoredUpdater(settings, parameters, trainable, c, "checkpoint at step " + c.step()));
        step = c.step();
    }

    /** The pre-training divergence rule: 10 skipped updates in a row stop the run. */
    public static GuardedUpdater guarded(ParameterUpdater updater) {
        return new GuardedUpdater(updater, 10, "lower the learning rate of the stage (lrpo.restoration.learning-rate or lrpo.pretrain.learning-rate)");
    }

    /**
     * The updater of a run resumed from {@code c}: AdamW moments and step count and, when configured, the
     * EMA weights, as an uninterrupted run would hold them.
     *
     * @param what names the checkpoint in error messages
     */
    public static ParameterUpdater restoredUpdater(PretrainSettings s, NetworkParameters parameters,
                                                   ParameterSet trainable, CheckpointContents c, String what) {
        OptimizerSnapshot opt = c.optimizer().orElseThrow(() -> new IllegalArgumentException(
                what + " has no optimiser state: cannot resume pre-training exactly"));
        ParameterUpdater updater = newUpdater(s, parameters, trainable);
        updater.adamW().restore(opt.state());
        if (updater.ema().isEmpty()) {
            return updater;
        }
        EmaSnapshot ema = c.ema().orElseThrow(() -> new IllegalArgumentException(
                what + " has no EMA weights but lrpo.pretrain.ema-decay > 0"));
        return new ParameterUpdater(updater.adamW(), scheduleOf(s), clipOf(s), Optional.of(Ema.restore(ema.state())));
    }

    public NetworkParameters parameters() {
        return parameters;
    }
}

package org.lrpo.core.train;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.EmaSnapshot;
import org.lrpo.core.checkpoint.OptimizerSnapshot;
import org.lrpo.core.checkpoint.RngCoordinates;
import org.lrpo.core.config.LearningRateShape;
import org.lrpo.core.config.PretrainSettings;
import org.lrpo.core.model.TrainableNetwork;
import org.lrpo.core.optim.AdamW;
import org.lrpo.core.optim.Ema;
import org.lrpo.core.optim.GuardedUpdater;
import org.lrpo.core.optim.LearningRateSchedule;
import org.lrpo.core.optim.GroupedGradients;
import org.lrpo.core.optim.OrderedGradientSum;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.optim.ParameterUpdater;
import org.lrpo.core.optim.ShardGradient;

/**
 * What the driver of a supervised stage keeps (METHOD section 7): theta, the optimiser (AdamW without
 * decay on biases and norms, clipping, the learning-rate schedule, EMA) with its divergence guard, the
 * step counter and the weights' version. {@link #apply} is the step both runners take on the shards of
 * a batch; {@link #restore} and {@link #checkpoint} are the one way a run is resumed or saved.
 */
public final class SupervisedState {
    private final PretrainSettings settings;
    private final NetworkParameters parameters;
    private final ParameterSet trainable;
    private final boolean liveNetwork;
    private final float[] gradients;
    private GuardedUpdater updater;
    private long step;
    private long version;

    /**
     * @param liveNetwork whether the network computes with theta after each step (one JVM) or only holds it
     *     for checkpoints (Spark: the executors compute)
     */
    public SupervisedState(TrainableNetwork network, PretrainSettings settings, boolean liveNetwork) {
        this.settings = settings;
        this.parameters = new NetworkParameters(network);
        this.trainable = parameters.readTrainable();
        this.liveNetwork = liveNetwork;
        this.gradients = new float[trainable.layout().totalSize()];
        this.updater = guarded(newUpdater(Optional.empty()));
    }

    /** The gradient of the summed loss over one shard of a batch, as a shard computes it. */
    public static ShardGradient<Double> shardGradient(NetworkParameters parameters, ShardObjective objective,
                                                      List<TrainingPair> pairs, long step, int from, int shard) {
        parameters.zeroGradients();
        double lossSum = objective.lossSumAndGradient(pairs, step, from);
        float[] g = new float[parameters.trainableLayout().totalSize()];
        parameters.readGradients(g);
        return new ShardGradient<>(shard, pairs.size(), lossSum, g);
    }

    /** Adds the shards in shard order, divides by the batch size and takes one guarded optimiser step. */
    public Pretrainer.StepReport apply(List<ShardGradient<Double>> shards, int expectedShards, int batchSize) {
        return step(OrderedGradientSum.sum(shards, expectedShards, gradients), batchSize);
    }

    /** The same from the first level of a tree: the shards' headers and their groups' sums, added in group order. */
    public Pretrainer.StepReport apply(GroupedGradients<Double> grouped, int expectedShards, int batchSize) {
        return step(OrderedGradientSum.sum(grouped, expectedShards, gradients), batchSize);
    }

    private Pretrainer.StepReport step(List<ShardGradient<Double>> ordered, int batchSize) {
        double lossSum = 0;
        int samples = 0;
        for (ShardGradient<Double> s : ordered) {
            lossSum += s.samples() == 0 ? 0 : s.statistics();
            samples += s.samples();
        }
        if (samples != batchSize) {
            throw new IllegalStateException("step " + step + ": shards covered " + samples + " samples, batch is "
                    + batchSize);
        }
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] /= batchSize;
        }
        ParameterUpdater.Result r = updater.apply(trainable.flat(), gradients, "step " + step);
        if (!r.skipped()) {
            version++;
            if (liveNetwork) {
                parameters.writeTrainable(trainable);
            }
        }
        Pretrainer.StepReport report = new Pretrainer.StepReport(step, lossSum / batchSize, r.lr(), r.gradNorm(),
                r.skipped());
        step++;
        return report;
    }

    /** Optimiser steps taken (skipped ones included). */
    public long step() {
        return step;
    }

    /** Counts the weight changes: a new value means new weights. */
    public long version() {
        return version;
    }

    public NetworkParameters parameters() {
        return parameters;
    }

    /** A copy of the trained weights, e.g. to broadcast. */
    public float[] trainableValues() {
        return trainable.flat().clone();
    }

    /** Every weight, frozen and trained (the live ones, not the EMA). */
    public ParameterSet allWeights() {
        if (!liveNetwork) {
            parameters.writeTrainable(trainable);
        }
        return parameters.readAll();
    }

    /** Swaps the EMA weights into the network (for evaluation or export); no-op without EMA. */
    public void useEmaWeights() {
        updater.updater().ema().ifPresent(e -> parameters.writeTrainable(ParameterSet.wrap(trainable.layout(),
                e.shadow())));
    }

    /**
     * Continues from a checkpoint this stage's configuration wrote: weights, AdamW moments and step count,
     * EMA, and the data step; the next step is the one an uninterrupted run would take.
     *
     * @param what names the checkpoint in error messages
     */
    public void restore(CheckpointContents c, String what) {
        parameters.writeAll(c.weights());
        trainable.copyFrom(parameters.readTrainable().flat());
        OptimizerSnapshot opt = c.optimizer().orElseThrow(() -> new IllegalArgumentException(
                what + " has no optimiser state: cannot resume pre-training exactly"));
        Optional<Ema> ema = Optional.empty();
        if (settings.emaDecay() > 0) {
            EmaSnapshot snapshot = c.ema().orElseThrow(() -> new IllegalArgumentException(
                    what + " has no EMA weights but the stage's ema-decay is " + settings.emaDecay()));
            ema = Optional.of(Ema.restore(snapshot.state()));
        }
        ParameterUpdater restored = newUpdater(ema);
        restored.adamW().restore(opt.state());
        updater = guarded(restored);
        step = c.step();
        version++;
    }

    /** Weights, optimiser state, EMA and step, to resume exactly. */
    public CheckpointContents checkpoint(String configText, long seed, Map<String, String> links) {
        return new CheckpointContents(step, new RngCoordinates(seed, step), configText, allWeights(),
                Optional.of(new OptimizerSnapshot(trainable.layout(), updater.updater().adamW().exportState())),
                updater.updater().ema().map(e -> new EmaSnapshot(trainable.layout(), e.exportState())))
                .withLinks(links);
    }

    /** The configured optimiser; {@code ema} replaces a fresh EMA of the current weights (on resume). */
    private ParameterUpdater newUpdater(Optional<Ema> ema) {
        PretrainSettings s = settings;
        boolean[] decay = parameters.weightDecayMask();
        AdamW adamW = new AdamW(new AdamW.Config(0.9, 0.999, 1e-8, s.weightDecay()), decay);
        if (ema.isEmpty() && s.emaDecay() > 0) {
            ema = Optional.of(new Ema(s.emaDecay(), trainable.flat()));
        }
        LearningRateSchedule schedule = s.lrShape() == LearningRateShape.COSINE && s.optimiserSteps() > s.warmupSteps()
                ? LearningRateSchedule.cosine(s.learningRate(), 0.0, s.warmupSteps(), s.optimiserSteps())
                : LearningRateSchedule.constant(s.learningRate(), s.warmupSteps());
        return new ParameterUpdater(adamW, schedule, s.gradClip() > 0 ? s.gradClip() : Double.POSITIVE_INFINITY, ema);
    }

    /** The pre-training divergence rule: 10 skipped updates in a row stop the run. */
    private static GuardedUpdater guarded(ParameterUpdater updater) {
        return new GuardedUpdater(updater, 10, "lower the learning rate of the stage (lrpo.restoration.learning-rate"
                + " or lrpo.pretrain.learning-rate)");
    }
}

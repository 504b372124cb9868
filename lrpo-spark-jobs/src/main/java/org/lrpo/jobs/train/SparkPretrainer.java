package org.lrpo.jobs.train;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.lrpo.core.checkpoint.CheckpointStore;
import org.lrpo.core.checkpoint.CheckpointWriter;
import org.lrpo.core.config.PretrainSettings;
import org.lrpo.core.model.TrainableNetwork;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.optim.ShardGradient;
import org.lrpo.core.train.PairSource;
import org.lrpo.core.train.Pretrainer;
import org.lrpo.core.train.SupervisedState;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.jobs.local.ProgressLine;

/**
 * Data-parallel supervised training of either stage of METHOD section 7 (the restoration module, then
 * the diffusion model): the distribution of {@link Pretrainer}'s step. Each step the driver broadcasts
 * theta; partition p computes the {@link SupervisedStage stage}'s objective on
 * samples {@link ShardRange#of(int, int, int) [p*B/P, (p+1)*B/P)} of the step's batch (the draws are
 * keyed by the global sample index, so the partitioning does not change them) and returns its loss sum
 * and gradient; the driver adds the shards in partition order, divides by B
 * and takes {@link SupervisedState#apply the same step} as the single-JVM trainer. Checkpoints every
 * {@code lrpo.pretrain.checkpoint-every} steps and at the end, with the metrics table beside them.
 */
public final class SparkPretrainer implements AutoCloseable {
    private final JavaSparkContext jsc;
    private final RunSpec spec;
    private final SupervisedStage stage;
    private final PretrainSettings pretrain;
    private final PairSourceFactory data;
    private final int partitions;
    private final GradientTree<ShardGradient<Double>, Double> gradients;
    private final FaultInjection faults;
    private final CheckpointStore checkpoints;
    private final MetricsTable metrics;
    private final PrintStream out;
    private final TrainableNetwork network;
    private final SupervisedState state;
    private Broadcast<VersionedWeights> initial;

    /**
     * @param network the driver's copy of the stage's network (holds theta for the optimiser and the
     *     checkpoints; executors compute); owned and closed by this trainer
     */
    public SparkPretrainer(JavaSparkContext jsc, RunSpec spec, SupervisedStage stage, TrainableNetwork network,
                           PairSourceFactory data, int partitions, FaultInjection faults, CheckpointStore checkpoints,
                           MetricsTable metrics, PrintStream out) {
        if (partitions < 1) {
            throw new IllegalArgumentException("need at least one partition, got " + partitions);
        }
        this.jsc = jsc;
        this.spec = spec;
        this.stage = stage;
        this.pretrain = stage.optimiser(spec.settings());
        this.data = data;
        this.partitions = partitions;
        this.gradients = new GradientTree<>(partitions, spec.sparkTrain().aggregationFanIn(), s -> s,
                ShardGradient::header);
        this.faults = faults;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.out = out;
        this.network = network;
        this.state = new SupervisedState(network, pretrain, false);
    }

    /**
     * Continues from the newest complete checkpoint, as {@link Pretrainer#restore} does.
     *
     * @return the step resumed at, or empty when there is no checkpoint (the run starts afresh)
     */
    public Optional<Long> resume() throws IOException {
        Optional<ResumePoint> from = ResumePoint.newest(checkpoints, state.parameters(), spec);
        from.ifPresent(p -> state.restore(p.contents(), p.description()));
        metrics.resumeAt(state.step());
        return from.map(p -> state.step());
    }

    /** Runs steps until {@code lastStep} (exclusive) or {@code lrpo.pretrain.optimiser-steps}, whichever is first. */
    public List<Pretrainer.StepReport> run(long lastStep) throws IOException {
        long end = Math.min(lastStep, pretrain.optimiserSteps());
        List<Pretrainer.StepReport> reports = new ArrayList<>();
        ProgressLine progress = new ProgressLine(stage.label() + " step", pretrain.optimiserSteps(), out);
        long start = state.step();
        initial = jsc.broadcast(new VersionedWeights(state.version(), state.allWeights().flat()));
        try {
            while (state.step() < end) {
                Pretrainer.StepReport r = step();
                reports.add(r);
                metrics.append(r);
                long done = state.step();
                if (done % 10 == 0 || done == end) {
                    progress.report(done, String.format("loss %.4f  lr %.2e  grad norm %.3f", r.loss(), r.lr(),
                            r.gradNorm()));
                }
                int every = pretrain.checkpointEvery();
                if ((every > 0 && done % every == 0) || done == pretrain.optimiserSteps()) {
                    checkpoint();
                }
            }
        } finally {
            initial.destroy();
            initial = null;
        }
        if (start == end) {
            out.println(stage.label() + ": nothing to do, already at step " + state.step() + " of " + pretrain.optimiserSteps());
        }
        return reports;
    }

    private Pretrainer.StepReport step() {
        long step = state.step();
        int b = pretrain.batchSize();
        jsc.setJobGroup("lrpo-pretrain", stage.label() + " step " + (step + 1) + "/" + pretrain.optimiserSteps() + ": gradients",
                false);
        Broadcast<VersionedWeights> weights = jsc.broadcast(new VersionedWeights(state.version(),
                state.trainableValues()));
        try {
            List<GradientTree.Group<ShardGradient<Double>>> groups = gradients.collect(
                    jsc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                            .mapPartitionsWithIndex(new PretrainShard(spec, stage, initial, weights, data, step, b,
                                    partitions, faults), false));
            return state.apply(gradients.grouped(groups), partitions, b);
        } finally {
            weights.destroy();
        }
    }

    /** Writes a checkpoint of the current step (atomically) and the metrics table beside it. */
    public String checkpoint() throws IOException {
        String name = new CheckpointWriter(checkpoints).write(state.checkpoint(spec.manifestText(),
                spec.settings().run().seed(), data.links()));
        metrics.flush();
        return name;
    }

    public long stepCount() {
        return state.step();
    }

    /** The driver's copy of every weight (the live ones, not the EMA). */
    public ParameterSet weights() {
        return state.allWeights();
    }

    @Override
    public void close() {
        network.close();
    }

    /** One task of a step: the gradient of the summed loss over this partition's samples. */
    static final class PretrainShard implements Function2<Integer, Iterator<Integer>, Iterator<ShardGradient<Double>>> {
        private final RunSpec spec;
        private final SupervisedStage stage;
        private final Broadcast<VersionedWeights> initial;
        private final Broadcast<VersionedWeights> weights;
        private final PairSourceFactory data;
        private final long step;
        private final int batch;
        private final int partitions;
        private final FaultInjection faults;

        PretrainShard(RunSpec spec, SupervisedStage stage, Broadcast<VersionedWeights> initial,
                      Broadcast<VersionedWeights> weights, PairSourceFactory data, long step, int batch, int partitions,
                      FaultInjection faults) {
            this.spec = spec;
            this.stage = stage;
            this.initial = initial;
            this.weights = weights;
            this.data = data;
            this.step = step;
            this.batch = batch;
            this.partitions = partitions;
            this.faults = faults;
        }

        @Override
        public Iterator<ShardGradient<Double>> call(Integer partition, Iterator<Integer> ignored) {
            faults.maybeFail("pretrain", step, 0, partition);
            ShardRange range = ShardRange.of(batch, partitions, partition);
            if (range.count() == 0) {
                return List.of(new ShardGradient<>(partition, 0, 0.0, new float[0])).iterator();
            }
            PairSource source = data.create(spec.settings());
            List<TrainingPair> pairs = source.batch(step, range.from(), range.count());
            return List.of(stage.shard(spec, initial::value, weights.value(), pairs, step, range.from(), partition))
                    .iterator();
        }
    }
}

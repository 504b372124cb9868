package org.lrpo.jobs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.lrpo.core.checkpoint.CheckpointStore;
import org.lrpo.core.checkpoint.CheckpointWriter;
import org.lrpo.core.config.RlSettings;
import org.lrpo.core.lrpo.RoundReport;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.round.AdvantagePlan;
import org.lrpo.core.round.AppliedUpdate;
import org.lrpo.core.round.CandidateRef;
import org.lrpo.core.round.LrpoParts;
import org.lrpo.core.round.LrpoState;
import org.lrpo.core.round.LrpoTrainer;
import org.lrpo.core.round.OptimiserUpdate;
import org.lrpo.core.round.RewardTable;
import org.lrpo.core.round.RoundTally;
import org.lrpo.core.round.UpdateStatistics;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.jobs.local.ProgressLine;

/**
 * LRPO rounds on Spark: the phases of {@link LrpoTrainer}'s round ({@code org.lrpo.core.round}), with one
 * shard per partition. No math here, only where each phase runs and what crosses the wire.
 *
 * <ol>
 *   <li>broadcast theta_old; {@link RolloutTask} on partition p samples faces {@link ShardRange
 *       [p*F/P, (p+1)*F/P)} of the round, keeps their trajectories in its JVM ({@link RolloutCache}) and
 *       returns only their {@link RewardTable};</li>
 *   <li>the driver joins the tables in partition order, computes the {@link AdvantagePlan} and
 *       broadcasts its advantage table;</li>
 *   <li>for each inner epoch, micro-batch and {@link OptimiserUpdate}: theta is broadcast, each
 *       {@link GradientTask} computes its partition's share, and {@link LrpoState#apply} adds the shards in
 *       partition order and steps the optimiser;</li>
 *   <li>the round's broadcasts and cached trajectories are released.</li>
 * </ol>
 */
public final class SparkLrpoTrainer implements AutoCloseable {
    private static final ObjectMapper ROWS = new ObjectMapper();
    private final JavaSparkContext jsc;
    private final RunSpec spec;
    private final RlSettings rl;
    private final LrpoParts parts;
    private final Sources sources;
    private final CheckpointStore checkpoints;
    private final MetricsTable metrics;
    private final PrintStream out;
    private final ConditionalDenoiser policy;
    private final LrpoState state;
    private final float[] referenceWeights;
    private final GradientTree<TimedGradient, UpdateStatistics> gradients;
    private Broadcast<VersionedWeights> initial;
    private Broadcast<VersionedWeights> reference;

    /** Where the run's data, reward and partitions come from. */
    public record Sources(PairSourceFactory faces, RewardFactory reward, int partitions, FaultInjection faults) {}

    /** A round's metrics and where its time went. */
    record RoundResult(RoundReport report, SparkRoundTiming timing) {}

    /**
     * @param policy the driver's policy holding the starting weights (e.g. the pre-trained ones); the
     *     driver keeps theta, AdamW and checkpoints, executors get copies
     */
    public SparkLrpoTrainer(JavaSparkContext jsc, RunSpec spec, ConditionalDenoiser policy, Sources sources,
                            CheckpointStore checkpoints, MetricsTable metrics, PrintStream out) {
        if (sources.partitions() < 1) {
            throw new IllegalArgumentException("need at least one partition, got " + sources.partitions());
        }
        this.jsc = jsc;
        this.spec = spec;
        this.rl = spec.settings().rl();
        this.parts = LrpoParts.of(spec.settings());
        this.gradients = new GradientTree<>(sources.partitions(), spec.sparkTrain().aggregationFanIn(),
                TimedGradient::shard, TimedGradient::header);
        this.sources = sources;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.out = out;
        this.policy = policy;
        policy.setTrainable(parts.trainableSet());
        this.state = new LrpoState(policy, parts, false);
        // The KL term's reference is the policy LRPO started from, also after a resume.
        this.referenceWeights = rl.klWeight() > 0 ? state.allWeights().flat().clone() : null;
        out.printf("LRPO on Spark: %d faces x %d candidates per round over %d partitions, %d micro-batches x %d "
                        + "optimiser update(s) per epoch, %d inner epoch(s)%n", rl.facesPerRound(), rl.groupSize(),
                sources.partitions(), rl.microBatches(), parts.updates().size(), rl.innerEpochs());
    }

    /** Continues from the newest complete checkpoint (weights, AdamW state, round), as LrpoTrainer.restore. */
    public Optional<Long> resume() throws IOException {
        Optional<ResumePoint> from = ResumePoint.newest(checkpoints, new NetworkParameters(policy), spec);
        from.ifPresent(p -> state.restore(p.contents(), p.description()));
        metrics.resumeAt(state.completedRounds());
        return from.map(p -> state.completedRounds());
    }

    /** Runs rounds until {@code lastRound} (exclusive) or {@code lrpo.rl.rounds}, whichever is first. */
    public List<RoundReport> run(long lastRound) throws IOException {
        long end = Math.min(lastRound, rl.rounds());
        List<RoundReport> reports = new ArrayList<>();
        ProgressLine progress = new ProgressLine("LRPO round", rl.rounds(), out);
        initial = jsc.broadcast(new VersionedWeights(state.version(), state.allWeights().flat()));
        reference = referenceWeights == null ? null : jsc.broadcast(new VersionedWeights(0, referenceWeights));
        try {
            while (state.completedRounds() < end) {
                RoundResult done = runRound();
                RoundReport r = done.report();
                SparkRoundTiming t = done.timing();
                reports.add(r);
                ObjectNode row = ROWS.valueToTree(r);
                row.set("spark", ROWS.valueToTree(t));
                metrics.append(row);
                progress.report(state.completedRounds(), String.format("reward %.4f  clip fraction %.3f  kept groups %d/%d  "
                                + "(rollout %.1fs, reward %.1fs, gradients %.1fs, Spark overhead %.1fs = %.0f%%)",
                        r.rewardMean(), r.clipFraction(), r.keptGroups(), r.groups(), t.rolloutSeconds(),
                        t.rewardSeconds(), t.gradientSeconds(), t.overheadSeconds(), 100 * t.overheadShare()));
                int every = rl.checkpointEvery();
                if ((every > 0 && state.completedRounds() % every == 0) || state.completedRounds() == rl.rounds()) {
                    checkpoint();
                }
            }
        } finally {
            // Each round's last gradient tasks free their trajectories, and a newer round's rollouts drop older
            // ones; this catches what a failed round or a task that ran elsewhere left behind.
            try {
                release(state.completedRounds());
            } catch (RuntimeException e) {
                out.println("could not release cached trajectories (they go when the executors end with the "
                        + "application): " + e);
            }
            initial.destroy();
            initial = null;
            if (reference != null) {
                reference.destroy();
                reference = null;
            }
        }
        return reports;
    }

    private RoundResult runRound() {
        long r = state.completedRounds();
        RoundTimer timer = new RoundTimer();
        Broadcast<VersionedWeights> thetaOld = jsc.broadcast(new VersionedWeights(state.version(),
                state.trainableValues()));
        RoundContext context = new RoundContext(spec, initial, thetaOld, sources.faces(), r, sources.partitions(),
                sources.faults(), spec.sparkTrain().rolloutCache(), parts.trainableSet(), reference);
        Broadcast<double[][]> table = null;
        JavaRDD<ShardRewards> rollouts = null;
        RoundReport untimed;
        try {
            phase(r, "rollouts and rewards");
            // Persisted (a few numbers per partition) so that the gradient stages, built on this RDD, prefer
            // the executor that holds each partition's trajectories; if that executor is lost, Spark reruns
            // the rollout task from the lineage, which refills the cache from theta_old and the same seeds.
            rollouts = partitionIndices().mapPartitionsWithIndex(new RolloutTask(context, sources.reward()), false)
                    .persist(StorageLevel.MEMORY_ONLY());
            List<ShardRewards> shards = rollouts.collect().stream()
                    .sorted(Comparator.comparingInt(ShardRewards::partition)).toList();
            timer.rolloutStage(shards);
            RewardTable rewards = RewardTable.concat(shards.stream().map(ShardRewards::rewards).toList());
            if (rewards.candidates() != rl.facesPerRound() * rl.groupSize()) {
                throw new IllegalStateException("round " + r + ": rollouts returned " + rewards.candidates()
                        + " rewards, expected " + rl.facesPerRound() + " x " + rl.groupSize());
            }
            long advantagesStart = System.nanoTime();
            AdvantagePlan plan = AdvantagePlan.of(rewards, rl.groupSize());
            timer.driverCompute(System.nanoTime() - advantagesStart);
            table = jsc.broadcast(plan.table());
            RoundTally tally = train(plan, context, table, rollouts, timer);
            state.finishRound();
            untimed = tally.report(r, rewards, plan, 0, 0, 0);
        } finally {
            thetaOld.destroy();
            if (table != null) {
                table.destroy();
            }
            if (rollouts != null) {
                rollouts.unpersist(false);
            }
        }
        SparkRoundTiming timing = timer.finish();
        return new RoundResult(untimed.withPhaseSeconds(timing.rolloutSeconds(), timing.rewardSeconds(),
                timing.gradientSeconds() + timing.driverSeconds()), timing);
    }

    private RoundTally train(AdvantagePlan plan, RoundContext context, Broadcast<double[][]> table,
                             JavaRDD<ShardRewards> rollouts, RoundTimer timer) {
        RoundTally tally = new RoundTally();
        for (int epoch = 0; epoch < rl.innerEpochs(); epoch++) {
            List<List<CandidateRef>> micros = plan.microBatches(parts.seed(), context.roundIndex(), epoch,
                    rl.microBatches());
            for (int m = 0; m < micros.size(); m++) {
                List<CandidateRef> micro = List.copyOf(micros.get(m));
                for (int u = 0; u < parts.updates().size(); u++) {
                    OptimiserUpdate update = parts.updates().get(u);
                    boolean lastUse = epoch == rl.innerEpochs() - 1 && m == micros.size() - 1
                            && u == parts.updates().size() - 1;
                    phase(context.roundIndex(), "epoch " + epoch + " micro-batch " + (m + 1) + "/" + micros.size() + " "
                            + update.describe() + ": policy gradients");
                    // Until the round's first update theta is theta_old, which every executor fetched for its
                    // rollouts: a second broadcast of the same weights would only be fetched again.
                    boolean unchanged = state.version() == context.thetaOld().value().version();
                    Broadcast<VersionedWeights> theta = unchanged ? context.thetaOld()
                            : jsc.broadcast(new VersionedWeights(state.version(), state.trainableValues()));
                    List<GradientTree.Group<TimedGradient>> groups;
                    try {
                        GradientTask.Work work = new GradientTask.Work(micro, update,
                                (long) epoch * micros.size() + m, lastUse);
                        groups = gradients.collect(rollouts.mapPartitionsWithIndex(new GradientTask(context, theta,
                                table, work), false));
                    } finally {
                        if (!unchanged) {
                            theta.destroy();
                        }
                    }
                    timer.gradientStage(GradientTree.members(groups).stream().map(TimedGradient::time).toList());
                    long start = System.nanoTime();
                    AppliedUpdate applied = state.apply(gradients.grouped(groups),
                            sources.partitions(), update, micro.size());
                    timer.aggregation(applied.sumNanos());
                    timer.driverCompute(System.nanoTime() - start - applied.sumNanos());
                    tally.add(applied);
                }
            }
        }
        return tally;
    }

    private JavaRDD<Integer> partitionIndices() {
        return jsc.parallelize(IntStream.range(0, sources.partitions()).boxed().toList(), sources.partitions());
    }

    private void phase(long r, String what) {
        jsc.setJobGroup("lrpo-train", "LRPO round " + (r + 1) + "/" + rl.rounds() + ": " + what, false);
    }

    /**
     * Best effort: one task per partition drops the run's trajectories up to round {@code r} where it runs (see
     * RolloutCache).
     */
    private void release(long r) {
        String runKey = spec.runKey();
        phase(r, "release cached trajectories");
        partitionIndices().foreachPartition(ignored -> RolloutCache.release(runKey, r));
    }

    /** Writes a checkpoint of the current round (atomically) and the metrics table beside it. */
    public String checkpoint() throws IOException {
        String name = new CheckpointWriter(checkpoints).write(state.checkpoint(spec.manifestText(), parts.seed(),
                sources.faces().links()));
        metrics.flush();
        return name;
    }

    public long roundCount() {
        return state.completedRounds();
    }

    public ParameterSet weights() {
        return state.allWeights();
    }

    @Override
    public void close() {
        policy.close();
    }
}

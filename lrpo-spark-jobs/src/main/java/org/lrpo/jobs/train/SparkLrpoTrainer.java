package org.lrpo.jobs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.CheckpointFinder;
import org.lrpo.core.checkpoint.CheckpointReader;
import org.lrpo.core.checkpoint.CheckpointStore;
import org.lrpo.core.checkpoint.CheckpointWriter;
import org.lrpo.core.checkpoint.OptimizerSnapshot;
import org.lrpo.core.checkpoint.RngCoordinates;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.RlSettings;
import org.lrpo.core.config.RunIdentity;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.lrpo.GroupAdvantages;
import org.lrpo.core.lrpo.LrpoObjective;
import org.lrpo.core.lrpo.LrpoTrainer;
import org.lrpo.core.lrpo.RoundReport;
import org.lrpo.core.lrpo.SampleOrder;
import org.lrpo.core.lrpo.TrainingSample;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.optim.GuardedUpdater;
import org.lrpo.core.optim.ParameterUpdater;
import org.lrpo.core.reward.RewardScores;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.jobs.local.ProgressLine;

/**
 * LRPO rounds on Spark: the distribution of {@link LrpoTrainer#round()}, step for step (ARCHITECTURE
 * "One LRPO iteration on Spark").
 *
 * <ol>
 *   <li>broadcast theta_old; partition p draws faces {@link ShardRange [p*F/P, (p+1)*F/P)} of the round,
 *       samples their G candidates, keeps the trajectories in its JVM ({@link RolloutCache}: in memory up
 *       to a budget, then in local spill files), scores them
 *       and returns only the rewards;</li>
 *   <li>the driver computes {@link GroupAdvantages} in the same order as the single-JVM trainer and
 *       broadcasts the advantage table;</li>
 *   <li>for each inner epoch, micro-batch (same seeded permutation) and update: theta is broadcast, each
 *       partition runs {@link LrpoObjective#accumulate} on the samples of the micro-batch whose faces it
 *       holds (normalised by the whole micro-batch), the driver adds the shards in partition order
 *       ({@link OrderedGradientSum}) and steps the same updater LrpoTrainer builds. Per-timestep updates
 *       make one stage per trained step k; accumulated updates one per micro-batch, each task summing its
 *       steps as LrpoTrainer does;</li>
 *   <li>the round's broadcasts and cached trajectories are released.</li>
 * </ol>
 */
public final class SparkLrpoTrainer implements AutoCloseable {
    private static final ObjectMapper ROWS = new ObjectMapper();
    private final JavaSparkContext jsc;
    private final RunSpec spec;
    private final LrpoSettings settings;
    private final RlSettings rl;
    private final PairSourceFactory faces;
    private final RewardFactory reward;
    private final int partitions;
    private final FaultInjection faults;
    private final RolloutCacheSettings rolloutCache;
    private final CheckpointStore checkpoints;
    private final MetricsTable metrics;
    private final PrintStream out;
    private final ConditionalDenoiser policy;
    private final NetworkParameters parameters;
    private final ParameterSet trainable;
    private final GuardedUpdater updater;
    private final float[] gradients;
    private final int trainedSteps;
    private Broadcast<VersionedWeights> initial;
    private long round;
    private long version;

    /** Where the run's data, reward and partitions come from. */
    public record Sources(PairSourceFactory faces, RewardFactory reward, int partitions, FaultInjection faults) {}

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
        this.settings = spec.settings();
        this.rl = settings.rl();
        this.faces = sources.faces();
        this.reward = sources.reward();
        this.partitions = sources.partitions();
        this.faults = sources.faults();
        this.rolloutCache = spec.sparkTrain().rolloutCache();
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.out = out;
        this.policy = policy;
        this.parameters = new NetworkParameters(policy);
        this.trainable = parameters.readTrainable();
        this.updater = LrpoTrainer.newUpdater(rl, parameters);
        this.gradients = new float[trainable.layout().totalSize()];
        this.trainedSteps = settings.sampler().steps() - 1;
        out.printf("LRPO on Spark: %d faces x %d candidates per round over %d partitions, %d micro-batches x %d "
                        + "trained steps per epoch, %d inner epoch(s), %d trainable weights%n", rl.facesPerRound(),
                rl.groupSize(), partitions, rl.microBatches(), trainedSteps, rl.innerEpochs(), gradients.length);
    }

    /** Continues from the newest complete checkpoint (weights, AdamW state, round), as LrpoTrainer.restore. */
    public Optional<Long> resume() throws IOException {
        Optional<String> newest = new CheckpointFinder(checkpoints).newestComplete();
        if (newest.isEmpty()) {
            metrics.resumeAt(0);
            return Optional.empty();
        }
        CheckpointContents c = new CheckpointReader(checkpoints)
                .load(newest.get(), parameters.allLayout(), parameters.trainableLayout()).contents();
        RunIdentity.requireSameRun(c.config(), spec.manifestText(), checkpoints.describe(newest.get()));
        parameters.writeAll(c.weights());
        trainable.copyFrom(parameters.readTrainable().flat());
        updater.updater().adamW().restore(c.optimizer().orElseThrow(() -> new IllegalArgumentException("checkpoint "
                + checkpoints.describe(newest.get()) + " has no optimiser state: cannot resume LRPO exactly")).state());
        round = c.step();
        metrics.resumeAt(round);
        return Optional.of(round);
    }

    /** Runs rounds until {@code lastRound} (exclusive) or {@code lrpo.rl.rounds}, whichever is first. */
    public List<RoundReport> run(long lastRound) throws IOException {
        long end = Math.min(lastRound, rl.rounds());
        List<RoundReport> reports = new ArrayList<>();
        ProgressLine progress = new ProgressLine("LRPO round", rl.rounds(), out);
        // Versions keep counting across run() calls: an executor that holds version v must never be told a
        // different theta is v.
        initial = jsc.broadcast(new VersionedWeights(version, allWeights().flat()));
        try {
            while (round < end) {
                Round done = round();
                RoundReport r = done.report();
                SparkRoundTiming t = done.timing();
                reports.add(r);
                metrics.append(metricsRow(done));
                progress.report(round, String.format("reward %.4f  clip fraction %.3f  kept groups %d/%d  "
                                + "(rollout %.1fs, reward %.1fs, gradients %.1fs, Spark overhead %.1fs = %.0f%%)",
                        r.rewardMean(), r.clipFraction(), r.keptGroups(), r.groups(), t.rolloutSeconds(),
                        t.rewardSeconds(), t.gradientSeconds(), t.overheadSeconds(), 100 * t.overheadShare()));
                int every = rl.checkpointEvery();
                if ((every > 0 && round % every == 0) || round == rl.rounds()) {
                    checkpoint();
                }
            }
        } finally {
            initial.destroy();
            initial = null;
        }
        return reports;
    }

    /** The round's metrics with its Spark time split under "spark". */
    private static ObjectNode metricsRow(Round done) {
        ObjectNode row = ROWS.valueToTree(done.report());
        row.set("spark", ROWS.valueToTree(done.timing()));
        return row;
    }

    private JavaRDD<Integer> partitionIndices() {
        return jsc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions);
    }

    private String phase(long r, String what) {
        return "LRPO round " + (r + 1) + "/" + rl.rounds() + ": " + what;
    }

    private Round round() {
        long r = round;
        RoundTimer timer = new RoundTimer();
        int facesPerRound = rl.facesPerRound();
        int g = rl.groupSize();
        Broadcast<VersionedWeights> thetaOld = jsc.broadcast(new VersionedWeights(version, trainable.flat().clone()));
        Broadcast<double[][]> table = null;
        JavaRDD<ShardRewards> rollouts = null;
        RoundReport untimed;
        try {
            jsc.setJobGroup("lrpo-train", phase(r, "rollouts and rewards"), false);
            // Persisted (a few numbers per partition) so that the gradient stages, built on this RDD, prefer
            // the executor that holds each partition's trajectories; if that executor is lost, Spark reruns
            // the rollout task from the lineage, which refills the cache from theta_old and the same seeds.
            rollouts = partitionIndices().mapPartitionsWithIndex(
                    new RolloutShard(spec, initial, thetaOld, faces, reward, r, partitions, faults,
                            rolloutCache), false)
                    .persist(StorageLevel.MEMORY_ONLY());
            List<ShardRewards> shardRewards = new ArrayList<>(rollouts.collect());
            timer.rolloutStage(shardRewards);
            shardRewards.sort(Comparator.comparingInt(ShardRewards::partition));
            double[][] totals = new double[facesPerRound][g];
            Map<String, Double> componentSums = new LinkedHashMap<>();
            int candidate = 0;
            for (ShardRewards s : shardRewards) {
                for (int i = 0; i < s.totals().length; i++, candidate++) {
                    totals[candidate / g][candidate % g] = s.totals()[i];
                    for (int c = 0; c < s.componentNames().length; c++) {
                        componentSums.merge(s.componentNames()[c], s.components()[i][c], Double::sum);
                    }
                }
            }
            if (candidate != facesPerRound * g) {
                throw new IllegalStateException("round " + r + ": rollouts returned " + candidate
                        + " rewards, expected " + facesPerRound + " x " + g);
            }
            long advantagesStart = System.nanoTime();
            GroupAdvantages advantages = GroupAdvantages.compute(totals);
            double[][] advantageTable = new double[facesPerRound][];
            List<int[]> samples = new ArrayList<>();
            double absAdvantage = 0;
            for (int f = 0; f < facesPerRound; f++) {
                advantageTable[f] = advantages.group(f);
                if (!advantages.isKept(f)) {
                    continue;
                }
                for (int c = 0; c < g; c++) {
                    samples.add(new int[] {f, c});
                    absAdvantage += Math.abs(advantages.advantage(f, c));
                }
            }
            timer.driverCompute(System.nanoTime() - advantagesStart);
            table = jsc.broadcast(advantageTable);
            Training training = train(samples, r, thetaOld, table, rollouts, timer);
            round++;
            Map<String, Double> componentMeans = new LinkedHashMap<>();
            componentSums.forEach((k, v) -> componentMeans.put(k, v / (facesPerRound * g)));
            LrpoObjective.StepStats s = training.stats;
            int n = Math.max(1, s.samples());
            untimed = new RoundReport(r, advantages.rewardMean(), advantages.rewardStd(), componentMeans,
                    advantages.keptGroups(), facesPerRound, samples.isEmpty() ? 0 : absAdvantage / samples.size(),
                    s.ratioSum() / n, s.samples() == 0 ? 1 : s.ratioMin(), s.samples() == 0 ? 1 : s.ratioMax(),
                    s.clippedCount() / n, s.approxKlSum() / n, s.policyLossSum() / n,
                    training.regulariserSteps == 0 ? 0 : training.regulariserSum / training.regulariserSteps,
                    training.updates == 0 ? 0 : training.gradNormSum / training.updates, training.updates,
                    training.skipped, 0, 0, 0);
        } finally {
            thetaOld.destroy();
            if (table != null) {
                table.destroy();
            }
            if (rollouts != null) {
                rollouts.unpersist(false);
            }
            release(r);
        }
        SparkRoundTiming timing = timer.finish();
        return new Round(untimed.withPhaseSeconds(timing.rolloutSeconds(), timing.rewardSeconds(),
                timing.gradientSeconds() + timing.driverSeconds()), timing);
    }

    /** A round's metrics and where its time went. */
    record Round(RoundReport report, SparkRoundTiming timing) {}

    /** Best effort: one task per partition drops the round's trajectories where it runs (see RolloutCache). */
    private void release(long r) {
        String runKey = spec.runKey();
        jsc.setJobGroup("lrpo-train", phase(r, "release cached trajectories"), false);
        partitionIndices().foreachPartition(ignored -> RolloutCache.release(runKey, r));
    }

    private static final class Training {
        LrpoObjective.StepStats stats = LrpoObjective.StepStats.empty();
        double regulariserSum;
        int regulariserSteps;
        double gradNormSum;
        int updates;
        int skipped;
    }

    private Training train(List<int[]> samples, long r, Broadcast<VersionedWeights> thetaOld,
                           Broadcast<double[][]> table, JavaRDD<ShardRewards> rollouts, RoundTimer timer) {
        Training out = new Training();
        if (samples.isEmpty()) {
            return out;
        }
        // One stage per optimiser update: per-timestep updates need theta after step k - 1 for step k;
        // accumulated ones keep theta for the whole micro-batch, so each task loops over the steps itself
        // and the driver receives one gradient per micro-batch instead of one per step.
        boolean perStep = rl.update() == RlSettings.UpdateMode.PER_TIMESTEP;
        List<int[]> updates = new ArrayList<>();
        if (perStep) {
            for (int k = 0; k < trainedSteps; k++) {
                updates.add(new int[] {k});
            }
        } else {
            updates.add(IntStream.range(0, trainedSteps).toArray());
        }
        int divisor = perStep ? 1 : trainedSteps;
        for (int epoch = 0; epoch < rl.innerEpochs(); epoch++) {
            List<List<int[]>> micros = SampleOrder.microBatches(
                    SampleOrder.shuffled(samples, settings.run().seed(), r, epoch), rl.microBatches());
            for (int m = 0; m < micros.size(); m++) {
                List<int[]> micro = micros.get(m);
                int[] microFaces = micro.stream().mapToInt(x -> x[0]).toArray();
                int[] microCandidates = micro.stream().mapToInt(x -> x[1]).toArray();
                for (int[] steps : updates) {
                    jsc.setJobGroup("lrpo-train", phase(r, "epoch " + epoch + " micro-batch " + (m + 1) + "/"
                            + micros.size() + (perStep ? " step " + steps[0] : " steps 0-" + (trainedSteps - 1))
                            + ": policy gradients"), false);
                    Broadcast<VersionedWeights> theta = jsc.broadcast(new VersionedWeights(version,
                            trainable.flat().clone()));
                    List<TimedGradient> shards;
                    try {
                        shards = rollouts.mapPartitionsWithIndex(new GradientShard(spec, initial, thetaOld,
                                theta, table, faces, r, partitions, new GradientWork(microFaces, microCandidates,
                                steps, divisor, (long) epoch * micros.size() + m), faults, rolloutCache), false)
                                .collect();
                    } finally {
                        theta.destroy();
                    }
                    timer.gradientStage(shards.stream().map(TimedGradient::time).toList());
                    long sumStart = System.nanoTime();
                    List<ShardGradient> ordered = OrderedGradientSum.sum(
                            shards.stream().map(TimedGradient::shard).toList(), partitions, gradients.length, gradients);
                    timer.aggregation(System.nanoTime() - sumStart);
                    for (int j = 0; j < steps.length; j++) {
                        LrpoObjective.StepStats st = LrpoObjective.StepStats.empty();
                        for (ShardGradient s : ordered) {
                            if (s.samples() > 0) {
                                st = st.plus(stats(s, j));
                            }
                        }
                        if (st.samples() != micro.size()) {
                            throw new IllegalStateException("round " + r + " step " + steps[j] + ": shards covered "
                                    + st.samples() + " samples of a micro-batch of " + micro.size());
                        }
                        out.stats = out.stats.plus(st);
                        if (st.regulariserSum() != 0) {
                            out.regulariserSum += st.regulariserSum() / st.samples();
                            out.regulariserSteps++;
                        }
                    }
                    apply(gradients, out, timer);
                }
            }
        }
        return out;
    }

    /** The statistics of the {@code j}-th step a shard computed (its sums hold STATS values per step). */
    private static LrpoObjective.StepStats stats(ShardGradient s, int j) {
        double[] v = Arrays.copyOfRange(s.sums(), j * STATS, (j + 1) * STATS);
        return new LrpoObjective.StepStats(s.samples(), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    /** Values of one step's statistics in {@link ShardGradient#sums()}. */
    private static final int STATS = 8;

    private static void putSums(LrpoObjective.StepStats s, double[] into, int j) {
        double[] v = {s.policyLossSum(), s.regulariserSum(), s.klSum(), s.ratioSum(), s.ratioMin(), s.ratioMax(),
                s.clippedCount(), s.approxKlSum()};
        System.arraycopy(v, 0, into, j * STATS, STATS);
    }

    private void apply(float[] grads, Training out, RoundTimer timer) {
        long start = System.nanoTime();
        ParameterUpdater.Result res = updater.apply(trainable.flat(), grads, "round " + round);
        timer.driverCompute(System.nanoTime() - start);
        if (res.skipped()) {
            out.skipped++;
            return;
        }
        out.updates++;
        out.gradNormSum += res.gradNorm();
        version++;
    }

    /** Writes a checkpoint of the current round (atomically) and the metrics table beside it. */
    public String checkpoint() throws IOException {
        CheckpointContents c = new CheckpointContents(round, new RngCoordinates(settings.run().seed(), round),
                spec.manifestText(), allWeights(),
                Optional.of(new OptimizerSnapshot(trainable.layout(), updater.updater().adamW().exportState())), Optional.empty())
                .withLinks(faces.links());
        String name = new CheckpointWriter(checkpoints).write(c);
        metrics.flush();
        return name;
    }

    public long roundCount() {
        return round;
    }

    public ParameterSet weights() {
        return allWeights();
    }

    /**
     * Every weight, frozen and trained. The optimiser steps {@code trainable} only; the driver's policy gets
     * them when whole weights are needed (not after each step: that copy would sit on every step's critical
     * path while the driver's policy computes nothing).
     */
    private ParameterSet allWeights() {
        parameters.writeTrainable(trainable);
        return parameters.readAll();
    }

    @Override
    public void close() {
        policy.close();
    }

    /**
     * One partition's rewards: {@code totals[i]} of its i-th candidate (face-major, candidate-minor) and
     * each component's value, so the driver sums them in the single-JVM order.
     */
    record ShardRewards(int partition, double[] totals, String[] componentNames, double[][] components,
                        long rolloutNanos, TaskTime time) implements Serializable {}

    /** One partition's gradient shard and the time its task computed. */
    record TimedGradient(ShardGradient shard, TaskTime time) implements Serializable {}

    /** Rollouts and rewards of one partition's faces; the trajectories stay in this JVM. */
    static final class RolloutShard implements Function2<Integer, Iterator<Integer>, Iterator<ShardRewards>> {
        private final RunSpec spec;
        private final Broadcast<VersionedWeights> initial;
        private final Broadcast<VersionedWeights> thetaOld;
        private final PairSourceFactory faces;
        private final RewardFactory reward;
        private final long round;
        private final int partitions;
        private final FaultInjection faults;
        private final RolloutCacheSettings rolloutCache;

        RolloutShard(RunSpec spec, Broadcast<VersionedWeights> initial, Broadcast<VersionedWeights> thetaOld,
                     PairSourceFactory faces, RewardFactory reward, long round, int partitions, FaultInjection faults,
                     RolloutCacheSettings rolloutCache) {
            this.spec = spec;
            this.initial = initial;
            this.thetaOld = thetaOld;
            this.faces = faces;
            this.reward = reward;
            this.round = round;
            this.partitions = partitions;
            this.faults = faults;
            this.rolloutCache = rolloutCache;
        }

        @Override
        public Iterator<ShardRewards> call(Integer partition, Iterator<Integer> ignored) {
            faults.maybeFail("rollout", round, 0, partition);
            try (ExecutorPolicy lease = ExecutorPolicy.acquire(spec, initial::value, thetaOld.value())) {
                ShardRange range = ShardRange.of(lease.settings().rl().facesPerRound(), partitions, partition);
                if (range.count() == 0) {
                    return List.of(new ShardRewards(partition, new double[0], new String[0], new double[0][], 0,
                            TaskTime.since(System.nanoTime()))).iterator();
                }
                long start = System.nanoTime();
                List<FaceGroup> groups = LrpoParts.collect(lease, faces.create(lease.settings()), round, range);
                long rolloutNanos = System.nanoTime() - start;
                RolloutCache.put(new RolloutCache.Key(spec.runKey(), round, partition), groups, rolloutCache);
                List<RgbImage> restored = new ArrayList<>();
                List<RgbImage> truth = new ArrayList<>();
                for (FaceGroup g : groups) {
                    restored.addAll(g.candidates());
                    for (int c = 0; c < g.groupSize(); c++) {
                        truth.add(g.pair().hq());
                    }
                }
                List<RewardScores> scores = lease.reward(reward).score(restored, truth);
                String[] names = scores.get(0).components().keySet().toArray(String[]::new);
                double[] totals = new double[scores.size()];
                double[][] components = new double[scores.size()][names.length];
                for (int i = 0; i < scores.size(); i++) {
                    totals[i] = scores.get(i).total();
                    for (int c = 0; c < names.length; c++) {
                        components[i][c] = scores.get(i).components().get(names[c]);
                    }
                }
                return List.of(new ShardRewards(partition, totals, names, components, rolloutNanos,
                        TaskTime.since(start))).iterator();
            }
        }
    }

    /**
     * What one gradient stage computes: the micro-batch's samples (face, candidate), the trained steps of
     * this update and their divisor (1 per step; the step count when a micro-batch's steps are averaged).
     */
    record GradientWork(int[] microFaces, int[] microCandidates, int[] steps, int divisor, long microIndex)
            implements Serializable {}

    /** One partition's share of one update's gradient: sum over {@code steps} of g_k / divisor. */
    static final class GradientShard implements Function2<Integer, Iterator<ShardRewards>, Iterator<TimedGradient>> {
        private final RunSpec spec;
        private final Broadcast<VersionedWeights> initial;
        private final Broadcast<VersionedWeights> thetaOld;
        private final Broadcast<VersionedWeights> theta;
        private final Broadcast<double[][]> advantages;
        private final PairSourceFactory faces;
        private final long round;
        private final int partitions;
        private final GradientWork work;
        private final FaultInjection faults;
        private final RolloutCacheSettings rolloutCache;

        GradientShard(RunSpec spec, Broadcast<VersionedWeights> initial, Broadcast<VersionedWeights> thetaOld,
                      Broadcast<VersionedWeights> theta, Broadcast<double[][]> advantages, PairSourceFactory faces,
                      long round, int partitions, GradientWork work, FaultInjection faults,
                      RolloutCacheSettings rolloutCache) {
            this.spec = spec;
            this.initial = initial;
            this.thetaOld = thetaOld;
            this.theta = theta;
            this.advantages = advantages;
            this.faces = faces;
            this.round = round;
            this.partitions = partitions;
            this.work = work;
            this.faults = faults;
            this.rolloutCache = rolloutCache;
        }

        @Override
        public Iterator<TimedGradient> call(Integer partition, Iterator<ShardRewards> ignored) {
            faults.maybeFail("gradient", round, work.microIndex() * 1000 + work.steps()[0], partition);
            RolloutCache.Key key = new RolloutCache.Key(spec.runKey(), round, partition);
            if (faults.dropRolloutCache()) {
                RolloutCache.dropRun(spec.runKey());
            }
            try (ExecutorPolicy lease = ExecutorPolicy.acquire(spec, initial::value, theta.value())) {
                LrpoSettings s = lease.settings();
                ShardRange range = ShardRange.of(s.rl().facesPerRound(), partitions, partition);
                int[] microFaces = work.microFaces();
                List<Integer> mine = new ArrayList<>();
                for (int i = 0; i < microFaces.length; i++) {
                    if (range.contains(microFaces[i])) {
                        mine.add(i);
                    }
                }
                if (mine.isEmpty()) {
                    return List.of(new TimedGradient(new ShardGradient(partition, 0, new double[0], new float[0]),
                            TaskTime.since(System.nanoTime()))).iterator();
                }
                long start = System.nanoTime();
                java.util.Set<Integer> needed = new java.util.HashSet<>();
                mine.forEach(i -> needed.add(microFaces[i] - range.from()));
                List<FaceGroup> groups = RolloutCache.get(key, needed).orElseGet(() -> recompute(lease, range, key));
                double[][] table = advantages.value();
                List<TrainingSample> shard = new ArrayList<>(mine.size());
                for (int i : mine) {
                    int f = microFaces[i];
                    int c = work.microCandidates()[i];
                    shard.add(new TrainingSample(groups.get(f - range.from()), c, table[f][c]));
                }
                LrpoObjective objective = LrpoParts.objective(lease.policy(),
                        LrpoParts.rolloutStep(s, lease.schedule()), s.rl(), lease.engine(), s.run().seed());
                int size = lease.parameters().trainableLayout().totalSize();
                float[] g = new float[size];
                float[] step = work.steps().length == 1 && work.divisor() == 1 ? g : new float[size];
                double[] sums = new double[STATS * work.steps().length];
                for (int j = 0; j < work.steps().length; j++) {
                    lease.parameters().zeroGradients();
                    putSums(objective.accumulate(shard, work.steps()[j], microFaces.length, round), sums, j);
                    lease.parameters().readGradients(step);
                    if (step != g) {
                        // The single-JVM trainer's order and rounding: each step's gradient over the divisor,
                        // added in step order.
                        for (int i = 0; i < size; i++) {
                            g[i] += step[i] / work.divisor();
                        }
                    }
                }
                return List.of(new TimedGradient(new ShardGradient(partition, shard.size(), sums, g),
                        TaskTime.since(start))).iterator();
            }
        }

        /**
         * The partition's trajectories were not in this JVM (or their spill file was unreadable): sample them
         * again under theta_old, same seeds.
         */
        private List<FaceGroup> recompute(ExecutorPolicy lease, ShardRange range, RolloutCache.Key key) {
            RolloutCache.countRecompute();
            lease.use(thetaOld.value());
            List<FaceGroup> groups = LrpoParts.collect(lease, faces.create(lease.settings()), round, range);
            RolloutCache.put(key, groups, rolloutCache);
            lease.use(theta.value());
            return groups;
        }
    }
}

package org.lrpo.core.lrpo;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.OptimizerSnapshot;
import org.lrpo.core.checkpoint.RngCoordinates;
import org.lrpo.core.config.RlSettings;
import org.lrpo.core.diffusion.DdimStep;
import org.lrpo.core.diffusion.DdimTimesteps;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.AdamW;
import org.lrpo.core.optim.GuardedUpdater;
import org.lrpo.core.optim.LearningRateSchedule;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.optim.ParameterUpdater;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.reward.RewardScores;
import org.lrpo.core.train.PairSource;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.TrainingPair;

/**
 * LRPO in one JVM: the same steps the Spark trainer distributes, in the same order.
 *
 * <ol>
 *   <li>draw the round's faces, each degraded once (keyed by the round);</li>
 *   <li>sample G candidates per face with the rollout eta ({@link RolloutCollector});</li>
 *   <li>score them ({@link Reward}) and turn rewards into advantages ({@link GroupAdvantages});</li>
 *   <li>for each inner epoch, micro-batch and trained step k: gradient of {@link LrpoObjective},
 *       clip, AdamW ({@link RlSettings.UpdateMode#PER_TIMESTEP}), or one step per micro-batch
 *       ({@link RlSettings.UpdateMode#ACCUMULATE}).</li>
 * </ol>
 */
public final class LrpoTrainer {
    private final ConditionalDenoiser policy;
    private final RlSettings settings;
    private final PairSource faces;
    private final Reward reward;
    private final long seed;
    private final RolloutCollector collector;
    private final LrpoObjective objective;
    private final NetworkParameters parameters;
    private final ParameterSet trainable;
    private final GuardedUpdater updater;
    private final float[] gradients;
    private final float[] accumulated;
    private long round;

    /**
     * @param rolloutStep the DDIM step rule of rollouts (eta > 0, x0 clipping); re-scoring uses the same one
     */
    public LrpoTrainer(ConditionalDenoiser policy, Optional<ConditionalDenoiser> reference, DdimStep rolloutStep,
                       RlSettings settings, PairSource faces, Reward reward, Engine engine, long seed) {
        this.policy = policy;
        this.settings = settings;
        this.faces = faces;
        this.reward = reward;
        this.seed = seed;
        DdimTimesteps timesteps = rolloutStep.timesteps();
        this.collector = new RolloutCollector(policy, rolloutStep, seed);
        double[] sigmas = new double[timesteps.count()];
        for (int k = 0; k < sigmas.length; k++) {
            sigmas[k] = timesteps.sigma(k, 1.0);
        }
        NoiseLevelWeights weights = NoiseLevelWeights.of(sigmas, settings.weighting(), settings.advantageClip());
        LrpoObjective.Terms terms = new LrpoObjective.Terms(settings.clipEpsilon(), settings.regulariser(),
                settings.regulariserWeight(), settings.regulariserScale(), settings.regulariserLastSteps(),
                settings.regulariserTarget(), settings.klWeight());
        this.objective = new LrpoObjective(policy, reference, rolloutStep, weights, terms,
                engine, seed);
        this.parameters = new NetworkParameters(policy);
        this.trainable = parameters.readTrainable();
        this.updater = newUpdater(settings, parameters);
        this.gradients = new float[trainable.layout().totalSize()];
        this.accumulated = new float[gradients.length];
    }

    /**
     * LRPO's optimiser, the same in every trainer: AdamW at the configured constant rate without decay on
     * biases and norms, global-norm clipping, and the NaN/Inf divergence guard.
     */
    public static GuardedUpdater newUpdater(RlSettings settings, NetworkParameters parameters) {
        boolean[] decay = parameters.trainableLayout().mask(n -> !n.endsWith("bias") && !n.contains("norm"));
        ParameterUpdater updater = new ParameterUpdater(
                new AdamW(new AdamW.Config(0.9, 0.999, 1e-8, settings.weightDecay()), decay),
                LearningRateSchedule.constant(settings.learningRate(), 0),
                settings.gradClip() > 0 ? settings.gradClip() : Double.POSITIVE_INFINITY, Optional.empty());
        return new GuardedUpdater(updater, settings.maxBadUpdatesInARow(), "lower lrpo.rl.learning-rate");
    }

    /** Runs one round and returns its metrics. */
    public RoundReport round() {
        long r = round;
        long t0 = System.nanoTime();
        List<TrainingPair> pairs = faces.batch(r, 0, settings.facesPerRound());
        List<FaceGroup> groups = new ArrayList<>(pairs.size());
        for (TrainingPair p : pairs) {
            groups.add(collector.collect(p, r, settings.groupSize()));
        }
        long t1 = System.nanoTime();
        List<RgbImage> restored = new ArrayList<>();
        List<RgbImage> truth = new ArrayList<>();
        for (FaceGroup g : groups) {
            restored.addAll(g.candidates());
            for (int c = 0; c < g.groupSize(); c++) {
                truth.add(g.pair().hq());
            }
        }
        List<RewardScores> scores = reward.score(restored, truth);
        double[][] totals = new double[groups.size()][settings.groupSize()];
        Map<String, Double> componentSums = new LinkedHashMap<>();
        for (int i = 0; i < scores.size(); i++) {
            totals[i / settings.groupSize()][i % settings.groupSize()] = scores.get(i).total();
            scores.get(i).components().forEach((k, v) -> componentSums.merge(k, v, Double::sum));
        }
        GroupAdvantages advantages = GroupAdvantages.compute(totals);
        long t2 = System.nanoTime();

        List<TrainingSample> samples = new ArrayList<>();
        double absAdvantage = 0;
        for (int g = 0; g < groups.size(); g++) {
            if (!advantages.isKept(g)) {
                continue;
            }
            for (int c = 0; c < settings.groupSize(); c++) {
                samples.add(new TrainingSample(groups.get(g), c, advantages.advantage(g, c)));
                absAdvantage += Math.abs(advantages.advantage(g, c));
            }
        }
        Training training = train(samples, r);
        long t3 = System.nanoTime();
        round++;
        Map<String, Double> componentMeans = new LinkedHashMap<>();
        componentSums.forEach((k, v) -> componentMeans.put(k, v / scores.size()));
        LrpoObjective.StepStats s = training.stats;
        int n = Math.max(1, s.samples());
        return new RoundReport(r, advantages.rewardMean(), advantages.rewardStd(), componentMeans,
                advantages.keptGroups(), groups.size(), samples.isEmpty() ? 0 : absAdvantage / samples.size(),
                s.ratioSum() / n, s.samples() == 0 ? 1 : s.ratioMin(), s.samples() == 0 ? 1 : s.ratioMax(),
                s.clippedCount() / n, s.approxKlSum() / n, s.policyLossSum() / n,
                training.regulariserSteps == 0 ? 0 : training.regulariserSum / training.regulariserSteps,
                training.updates == 0 ? 0 : training.gradNormSum / training.updates, training.updates, training.skipped,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    private static final class Training {
        LrpoObjective.StepStats stats = LrpoObjective.StepStats.empty();
        double regulariserSum;
        int regulariserSteps;
        double gradNormSum;
        int updates;
        int skipped;
    }

    private Training train(List<TrainingSample> samples, long r) {
        Training out = new Training();
        if (samples.isEmpty()) {
            return out;
        }
        int trained = objective.trainedSteps();
        for (int epoch = 0; epoch < settings.innerEpochs(); epoch++) {
            List<TrainingSample> order = SampleOrder.shuffled(samples, seed, r, epoch);
            for (List<TrainingSample> micro : SampleOrder.microBatches(order, settings.microBatches())) {
                java.util.Arrays.fill(accumulated, 0f);
                for (int k = 0; k < trained; k++) {
                    parameters.zeroGradients();
                    LrpoObjective.StepStats st = objective.accumulate(micro, k, micro.size(), r);
                    out.stats = out.stats.plus(st);
                    if (st.regulariserSum() != 0) {
                        out.regulariserSum += st.regulariserSum() / st.samples();
                        out.regulariserSteps++;
                    }
                    parameters.readGradients(gradients);
                    if (settings.update() == RlSettings.UpdateMode.PER_TIMESTEP) {
                        apply(gradients, out);
                    } else {
                        for (int i = 0; i < gradients.length; i++) {
                            accumulated[i] += gradients[i] / trained;
                        }
                    }
                }
                if (settings.update() == RlSettings.UpdateMode.ACCUMULATE) {
                    apply(accumulated, out);
                }
            }
        }
        return out;
    }

    private void apply(float[] grads, Training out) {
        ParameterUpdater.Result res = updater.apply(trainable.flat(), grads, "round " + round);
        if (res.skipped()) {
            out.skipped++;
            return;
        }
        out.updates++;
        out.gradNormSum += res.gradNorm();
        parameters.writeTrainable(trainable);
    }

    public long roundCount() {
        return round;
    }

    /** Continues from a checkpoint of this trainer: weights, AdamW state and round. */
    public void restore(CheckpointContents c) {
        parameters.writeAll(c.weights());
        trainable.copyFrom(parameters.readTrainable().flat());
        updater.updater().adamW().restore(c.optimizer().orElseThrow(() -> new IllegalArgumentException(
                "checkpoint of round " + c.step() + " has no optimiser state: cannot resume LRPO exactly")).state());
        round = c.step();
        updater.reset();
    }

    /** Weights, optimiser state and round, to resume exactly. */
    public CheckpointContents checkpoint(String configText) {
        return new CheckpointContents(round, new RngCoordinates(seed, round), configText, parameters.readAll(),
                Optional.of(new OptimizerSnapshot(trainable.layout(), updater.updater().adamW().exportState())),
                Optional.empty()).withLinks(faces.links());
    }
}

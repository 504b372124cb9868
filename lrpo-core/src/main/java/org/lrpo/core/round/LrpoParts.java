package org.lrpo.core.round;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.lrpo.core.config.FinalImage;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.ModelSettings;
import org.lrpo.core.config.RlSettings;
import org.lrpo.core.config.RolloutStart;
import org.lrpo.core.diffusion.DdimStep;
import org.lrpo.core.diffusion.DdimTimesteps;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.lrpo.LrpoObjective;
import org.lrpo.core.lrpo.NoiseLevelWeights;
import org.lrpo.core.lrpo.RolloutCollector;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.TrainableSet;
import org.lrpo.core.optim.AdamW;
import org.lrpo.core.optim.GuardedUpdater;
import org.lrpo.core.optim.LearningRateSchedule;
import org.lrpo.core.optim.ParameterUpdater;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Policies;

/**
 * The fixed pieces of an LRPO run, built from its settings once: the rollout's DDIM step rule (which
 * re-scoring and the regulariser reuse), the noise-level weights, the objective's constants, the plan
 * of optimiser updates per micro-batch and the optimiser. Every runner and every executor builds its
 * objective, collector and updater here, so they cannot drift apart.
 */
public final class LrpoParts {
    private final RlSettings rl;
    private final ModelSettings model;
    private final long seed;
    private final DdimStep rolloutStep;
    private final boolean rolloutsStartFromCondition;
    private final FinalImage finalImage;
    private final RolloutStart rolloutStart;
    private final NoiseLevelWeights weights;
    private final LrpoObjective.Terms terms;

    private LrpoParts(RlSettings rl, ModelSettings model, long seed, DdimStep rolloutStep,
                      boolean rolloutsStartFromCondition, FinalImage finalImage, RolloutStart rolloutStart) {
        this.rl = rl;
        this.model = model;
        this.seed = seed;
        this.rolloutStep = rolloutStep;
        this.rolloutsStartFromCondition = rolloutsStartFromCondition;
        this.finalImage = finalImage;
        this.rolloutStart = rolloutStart;
        DdimTimesteps timesteps = rolloutStep.timesteps();
        double[] sigmas = new double[timesteps.count()];
        for (int k = 0; k < sigmas.length; k++) {
            sigmas[k] = timesteps.sigma(k, 1.0);
        }
        this.weights = NoiseLevelWeights.of(sigmas, rl.weighting(), rl.advantageClip());
        this.terms = new LrpoObjective.Terms(rl.clipEpsilon(), rl.regulariser(), rl.regulariserWeight(),
                rl.regulariserScale(), rl.regulariserLastDenoisingSteps(), rl.regulariserTarget(), rl.klWeight(),
                rl.measureGradientRatio());
    }

    /** The run's parts as {@code settings} configure them. */
    public static LrpoParts of(LrpoSettings settings) {
        return of(settings, settings.rl());
    }

    /** The run's parts with another {@code lrpo.rl} section (the ablations vary it). */
    public static LrpoParts of(LrpoSettings settings, RlSettings rl) {
        return of(settings, rl, settings.run().seed());
    }

    /** The run's parts with another {@code lrpo.rl} section and seed (the ablations' seeds). */
    public static LrpoParts of(LrpoSettings settings, RlSettings rl, long seed) {
        NoiseSchedule schedule = NoiseSchedule.of(settings.schedule());
        DdimTimesteps all = schedule.ddim(settings.sampler().denoisingSteps());
        int first = all.firstStepAt(settings.sampler().rolloutStrength());
        DdimStep step = new DdimStep(all.from(first), settings.sampler().etaRollout(), rl.clipX0());
        return new LrpoParts(rl, settings.model(), seed, step, first > 0, settings.sampler().finalImage(),
                settings.sampler().rolloutStart());
    }

    /** Which of the policy's weights LRPO trains: the control branch only (the paper) or all. */
    public TrainableSet trainableSet() {
        return rl.trainBase() ? TrainableSet.ALL : TrainableSet.CONTROL_ONLY;
    }

    public RlSettings rl() {
        return rl;
    }

    public long seed() {
        return seed;
    }

    /**
     * The step rule rollouts sample with; the objective re-scores through the same one. Its steps are the
     * rollout chain's: all K (METHOD), or the last ones when {@code sampler.rollout-strength} is below 1.
     */
    public DdimStep rolloutStep() {
        return rolloutStep;
    }

    /** Steps 0 .. K-2 of the rollout chain are trained; the last step is not (METHOD 6). */
    public int trainedSteps() {
        return rolloutStep.timesteps().count() - 1;
    }

    public RolloutPhase rollout(ConditionalDenoiser policy) {
        return new RolloutPhase(new RolloutCollector(policy, rolloutStep, seed, rolloutsStartFromCondition,
                finalImage, rolloutStart), rl.groupSize());
    }

    /**
     * The frozen reference policy of the KL term: a copy of {@code policy}'s current weights (take it
     * before training starts, and keep it across resumes), or empty when {@code kl-weight} is 0. The
     * caller closes it.
     */
    public Optional<ConditionalDenoiser> frozenReference(ConditionalDenoiser policy) {
        return frozenReference(new NetworkParameters(policy).readAll().flat(), policy.device());
    }

    /** The frozen reference policy holding {@code weights} (every weight), or empty when {@code kl-weight} is 0. */
    public Optional<ConditionalDenoiser> frozenReference(float[] weights, Device device) {
        return rl.klWeight() > 0 ? Optional.of(Policies.withWeights(model, device, seed, weights)) : Optional.empty();
    }

    public LrpoObjective objective(ConditionalDenoiser policy, Optional<ConditionalDenoiser> reference,
                                   Engine engine) {
        return new LrpoObjective(policy, reference, rolloutStep, weights, terms, engine, seed);
    }

    /**
     * The optimiser updates of one micro-batch: one per trained step ({@code per-timestep}), or one for
     * all of them with each step's gradient divided by their count ({@code accumulate}).
     */
    public List<OptimiserUpdate> updates() {
        int trained = trainedSteps();
        if (rl.update() == RlSettings.UpdateMode.ACCUMULATE) {
            return List.of(new OptimiserUpdate(IntStream.range(0, trained).toArray(), trained));
        }
        List<OptimiserUpdate> out = new ArrayList<>(trained);
        for (int k = 0; k < trained; k++) {
            out.add(new OptimiserUpdate(new int[] {k}, 1));
        }
        return out;
    }

    /**
     * LRPO's optimiser: AdamW at the configured constant rate without decay on biases and norms,
     * global-norm clipping, and the NaN/Inf divergence guard.
     */
    public GuardedUpdater newUpdater(NetworkParameters parameters) {
        boolean[] decay = parameters.weightDecayMask();
        ParameterUpdater updater = new ParameterUpdater(
                new AdamW(new AdamW.Config(0.9, 0.999, 1e-8, rl.weightDecay()), decay),
                LearningRateSchedule.constant(rl.learningRate(), 0),
                rl.gradClip() > 0 ? rl.gradClip() : Double.POSITIVE_INFINITY, Optional.empty());
        return new GuardedUpdater(updater, rl.maxBadUpdatesInARow(), "lower lrpo.rl.learning-rate");
    }
}

package org.lrpo.jobs.train;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.RlSettings;
import org.lrpo.core.diffusion.DdimStep;
import org.lrpo.core.diffusion.DdimTimesteps;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.lrpo.LrpoObjective;
import org.lrpo.core.lrpo.LrpoTrainer;
import org.lrpo.core.lrpo.NoiseLevelWeights;
import org.lrpo.core.lrpo.RolloutCollector;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.train.PairSource;
import org.lrpo.core.train.TrainingPair;

/**
 * The core LRPO pieces built from a run's settings exactly as {@link LrpoTrainer}'s constructor builds
 * them (rollout step, noise-level weights, objective terms), so executors and the single-JVM trainer
 * compute the same thing.
 */
final class LrpoParts {
    private LrpoParts() {}

    static DdimStep rolloutStep(LrpoSettings s, NoiseSchedule schedule) {
        return new DdimStep(schedule.ddim(s.sampler().steps()), s.sampler().etaRollout(), s.sampler().clipX0());
    }

    static LrpoObjective objective(ConditionalDenoiser policy, DdimStep rolloutStep, RlSettings rl, Engine engine,
                                   long seed) {
        DdimTimesteps timesteps = rolloutStep.timesteps();
        double[] sigmas = new double[timesteps.count()];
        for (int k = 0; k < sigmas.length; k++) {
            sigmas[k] = timesteps.sigma(k, 1.0);
        }
        NoiseLevelWeights weights = NoiseLevelWeights.of(sigmas, rl.weighting(), rl.advantageClip());
        LrpoObjective.Terms terms = new LrpoObjective.Terms(rl.clipEpsilon(), rl.regulariser(), rl.regulariserWeight(),
                rl.regulariserScale(), rl.regulariserLastSteps(), rl.regulariserTarget(), rl.klWeight());
        return new LrpoObjective(policy, Optional.empty(), rolloutStep, weights, terms, engine, seed);
    }

    /** The G candidates of faces {@code range} of round {@code round}, as LrpoTrainer draws them. */
    static List<FaceGroup> collect(ExecutorPolicy lease, PairSource faces, long round, ShardRange range) {
        LrpoSettings s = lease.settings();
        RolloutCollector collector = new RolloutCollector(lease.policy(), rolloutStep(s, lease.schedule()),
                s.run().seed());
        List<TrainingPair> pairs = faces.batch(round, range.from(), range.count());
        List<FaceGroup> groups = new ArrayList<>(pairs.size());
        for (TrainingPair p : pairs) {
            groups.add(collector.collect(p, round, s.rl().groupSize()));
        }
        return groups;
    }
}

package org.lrpo.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.lrpo.core.config.FinalImage;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.diffusion.ChainStart;
import org.lrpo.core.diffusion.DdimSampler;
import org.lrpo.core.diffusion.DdimStep;
import org.lrpo.core.diffusion.DdimTimesteps;
import org.lrpo.core.diffusion.NoiseKey;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.ModelSpace;
import org.lrpo.core.random.Seeds;

/**
 * Restores faces with the diffusion policy given their conditions {@code c = R(lq)} (METHOD 1): DDIM with
 * the restoration eta (METHOD 2: 0.8; 0 = deterministic), noise keyed by (seed, face id) so a restoration
 * is reproducible.
 *
 * <p>{@code strength} in (0, 1] chooses where the chain starts. At 1 it starts from pure noise x_T and
 * runs all K steps (METHOD 2). Below 1 it skips the first {@code round((1 - strength) K)} steps and
 * starts from the stage-1 restoration noised to that step's level, {@code sqrt(abar) c + sqrt(1 - abar) n}
 * (<b>[here]</b>, as DifFace and SDEdit do): a fidelity knob that keeps stage 1's low frequencies and lets
 * the diffusion model add the detail. LRPO's rollouts have their own strength, {@code sampler.rollout-strength}.
 *
 * <p>{@code samples > 1} averages that many restorations per face (candidates 0..n-1, each with its
 * own noise): an estimate of the posterior mean, which trades hallucinated detail for PSNR.
 *
 * <p>{@code finalImage} chooses what the chain returns after its last step ({@link FinalImage}).
 */
public final class Restorer {
    /** Round coordinate of restoration draws, apart from any training round. */
    public static final long RESTORE_ROUND = -1;

    private final ConditionalDenoiser policy;
    private final DdimSampler sampler;
    private final DdimTimesteps timesteps;
    private final long seed;
    private final int firstStep;
    private final int samples;
    private final boolean lastX0Hat;

    /**
     * The restoration DDIM step of a configuration: {@code sampler.denoising-steps} of the schedule, {@code sampler.eta-restore},
     * {@code sampler.clip-x0}.
     */
    public static DdimStep restorationStep(LrpoSettings s) {
        NoiseSchedule schedule = NoiseSchedule.scaledLinear(s.schedule().trainTimesteps(), s.schedule().betaStart(),
                s.schedule().betaEnd());
        return new DdimStep(schedule.ddim(s.sampler().denoisingSteps()), s.sampler().etaRestore(), s.sampler().clipX0());
    }

    /**
     * The restorer a configuration describes: {@link #restorationStep}, {@code sampler.restore-strength},
     * {@code sampler.restore-samples} and {@code sampler.final-image}, noise keyed by {@code seed}.
     */
    public static Restorer configured(ConditionalDenoiser policy, LrpoSettings s, long seed) {
        return new Restorer(policy, restorationStep(s), seed, s.sampler().restoreStrength(),
                s.sampler().restoreSamples(), s.sampler().finalImage());
    }

    /** METHOD's restoration: the full chain from pure noise, one sample, ending at x_prev. */
    public Restorer(ConditionalDenoiser policy, DdimStep step, long seed) {
        this(policy, step, seed, 1.0, 1, FinalImage.X_PREV);
    }

    public Restorer(ConditionalDenoiser policy, DdimStep step, long seed, double strength, int samples,
                    FinalImage finalImage) {
        if (samples < 1) {
            throw new IllegalArgumentException("restoration samples must be >= 1, got " + samples);
        }
        this.samples = samples;
        this.lastX0Hat = finalImage == FinalImage.X0_HAT;
        this.policy = policy;
        this.sampler = new DdimSampler(policy, step);
        this.timesteps = step.timesteps();
        this.seed = seed;
        this.firstStep = timesteps.firstStepAt(strength);
    }

    /** Restores the face conditioned on {@code conditions.get(i)} (named {@code ids.get(i)}), {@code batchSize} at a time. */
    public List<RgbImage> restore(List<RgbImage> conditions, List<String> ids, int batchSize) {
        if (conditions.size() != ids.size()) {
            throw new IllegalArgumentException(conditions.size() + " images but " + ids.size() + " ids");
        }
        List<RgbImage> out = new ArrayList<>(conditions.size());
        for (int from = 0; from < conditions.size(); from += batchSize) {
            int to = Math.min(conditions.size(), from + batchSize);
            List<RgbImage> batch = conditions.subList(from, to);
            float[] mean = null;
            for (int c = 0; c < samples; c++) {
                List<NoiseKey> keys = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    keys.add(new NoiseKey(seed, RESTORE_ROUND, Seeds.idCoordinate(ids.get(i)), c));
                }
                float[] result;
                try (NDManager scope = policy.manager().newSubManager()) {
                    NDArray batchArray = ModelSpace.batch(scope, batch);
                    result = sampler.finalLatents(batchArray, keys, start(batch, keys), firstStep, lastX0Hat);
                }
                if (mean == null) {
                    mean = result;
                } else {
                    for (int j = 0; j < mean.length; j++) {
                        mean[j] += result[j];
                    }
                }
            }
            if (samples > 1) {
                for (int j = 0; j < mean.length; j++) {
                    mean[j] /= samples;
                }
            }
            for (int i = from; i < to; i++) {
                out.add(ModelSpace.image(mean, i - from, conditions.get(i).width(), conditions.get(i).height()));
            }
        }
        return out;
    }

    /** x at the first step: pure noise, or the condition noised to that step's level. */
    private float[] start(List<RgbImage> conditions, List<NoiseKey> keys) {
        int d = conditions.get(0).size();
        return firstStep == 0 ? ChainStart.pureNoise(keys, d)
                : ChainStart.noised(keys, d, i -> ModelSpace.values(conditions.get(i)), timesteps.alphaBar(firstStep));
    }
}

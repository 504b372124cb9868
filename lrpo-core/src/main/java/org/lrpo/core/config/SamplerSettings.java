package org.lrpo.core.config;

import org.lrpo.core.diffusion.DdimTimesteps;

/**
 * DDIM sampling (METHOD section 2).
 *
 * @param denoisingSteps K, the number of denoising steps (paper: 50)
 * @param etaRollout eta while collecting rollouts for LRPO (paper: 1.0)
 * @param etaRestore eta when restoring images (paper: 0.8)
 * @param clipX0 clamp the x0 prediction to the image range inside each step ([here]: pixel space)
 * @param restoreStrength where restoration starts: 1 = pure noise, below 1 = the LQ noised part-way
 * @param restoreSamples restorations averaged per face (1 = a single sample)
 * @param finalImage what a restoration returns after the last step: x_prev (METHOD) or that step's x0_hat
 * @param rolloutStrength where LRPO's rollouts start: 1 = pure noise (METHOD), below 1 = R(lq) noised part-way,
 *     the chain restoration runs at the same strength ([here])
 * @param rolloutStart whether a group's candidates start from their own noise (METHOD) or share one start
 */
public record SamplerSettings(int denoisingSteps, double etaRollout, double etaRestore, boolean clipX0,
                              double restoreStrength, int restoreSamples, FinalImage finalImage,
                              double rolloutStrength, RolloutStart rolloutStart) {

    static SamplerSettings read(SettingsReader r, ScheduleSettings schedule) {
        SamplerSettings s = new SamplerSettings(
                r.intIn("lrpo.sampler.denoising-steps", 2, 1000),
                r.doubleIn("lrpo.sampler.eta-rollout", 0.0, 1.0),
                r.doubleIn("lrpo.sampler.eta-restore", 0.0, 1.0),
                r.bool("lrpo.sampler.clip-x0"),
                r.doubleAbove("lrpo.sampler.restore-strength", 0.0, 1.0),
                r.intIn("lrpo.sampler.restore-samples", 1, 64),
                r.oneOf("lrpo.sampler.final-image", FinalImage.class),
                r.doubleAbove("lrpo.sampler.rollout-strength", 0.0, 1.0),
                r.oneOf("lrpo.sampler.rollout-start", RolloutStart.class));
        r.require(s.denoisingSteps <= schedule.trainTimesteps(), "lrpo.sampler.denoising-steps = " + s.denoisingSteps
                + " cannot exceed lrpo.schedule.train-timesteps = " + schedule.trainTimesteps());
        int rolloutSteps = s.rolloutStrength > 0 && s.rolloutStrength <= 1
                ? s.denoisingSteps - DdimTimesteps.firstStep(s.denoisingSteps, s.rolloutStrength) : 2;
        r.require(rolloutSteps >= 2, "lrpo.sampler.rollout-strength = "
                + s.rolloutStrength + " leaves " + rolloutSteps + " of the " + s.denoisingSteps
                + " denoising steps: LRPO trains every rollout step but the last, so a rollout needs at least 2");
        r.require(s.etaRollout > 0.0, "lrpo.sampler.eta-rollout = " + s.etaRollout
                + " must be > 0: a deterministic rollout has no log-probability to optimise");
        return s;
    }
}

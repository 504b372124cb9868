package org.lrpo.core.config;

/**
 * The LRPO stage (METHOD sections 3, 5 and 6), section {@code lrpo.rl}.
 *
 * @param rounds sampling rounds (each: rollouts, rewards, advantages, updates)
 * @param facesPerRound LQ faces per round, over the whole cluster
 * @param groupSize G, candidates sampled per LQ face (paper: 9)
 * @param clipEpsilon eps of the clipped surrogate (paper: 1e-4)
 * @param advantageClip Ahat is clipped to +-this (paper: 5)
 * @param weighting noise-level advantage weights or the flat ablation
 * @param regulariser whether the likelihood regulariser is on (off = the "perception" ablation)
 * @param regulariserWeight its weight in the loss (paper: 0.001)
 * @param regulariserScale the divisor inside its exponential (paper: 40)
 * @param regulariserLastDenoisingSteps how many of the last trained steps it applies to (paper: 5)
 * @param regulariserTarget marginal (here) or compounded (the authors' code)
 * @param klWeight weight of the optional KL to the frozen starting policy (0 = off, as the paper)
 * @param learningRate AdamW learning rate (paper: 1e-6 for a full ControlNet)
 * @param weightDecay AdamW decoupled weight decay
 * @param gradClip global gradient-norm clip (paper: 1.0)
 * @param innerEpochs passes over a round's samples (paper: 1)
 * @param microBatches micro-batches the round's samples are split into
 * @param update one optimiser step per (micro-batch, timestep) as the paper, or accumulated over timesteps
 * @param maxBadUpdatesInARow updates skipped for NaN/Inf in a row before the run stops
 * @param checkpointEvery write a checkpoint every this many rounds (0 = only at the end)
 * @param clipX0 clamp x0_hat inside the DDIM steps of rollouts, re-scoring and the regulariser (paper and
 *     authors: no; restoration has its own switch, {@code lrpo.sampler.clip-x0})
 * @param trainBase LRPO trains the base UNet too (true) or only the control branch (false, the paper)
 * @param measureGradientRatio measure ||reg_weight * grad L_reg|| / ||grad L_pg|| on the regulariser's steps
 *     (a diagnostic: one more backward pass on those steps)
 */
public record RlSettings(int rounds, int facesPerRound, int groupSize, double clipEpsilon, double advantageClip,
                         AdvantageWeighting weighting, boolean regulariser, double regulariserWeight,
                         double regulariserScale, int regulariserLastDenoisingSteps, RegulariserTarget regulariserTarget,
                         double klWeight, double learningRate, double weightDecay, double gradClip,
                         int innerEpochs, int microBatches, UpdateMode update, int maxBadUpdatesInARow,
                         int checkpointEvery, boolean clipX0, boolean trainBase,
                         boolean measureGradientRatio) {

    /** When the optimiser steps. */
    public enum UpdateMode {
        /** One optimiser step per (micro-batch, timestep), as the paper. */
        PER_TIMESTEP,
        /** Gradients summed over a micro-batch's timesteps, one step per micro-batch. */
        ACCUMULATE
    }

    /** The same settings with the likelihood regulariser switched (the "perception" ablation when off). */
    public RlSettings withRegulariser(boolean enabled) {
        return new RlSettings(rounds, facesPerRound, groupSize, clipEpsilon, advantageClip, weighting, enabled,
                regulariserWeight, regulariserScale, regulariserLastDenoisingSteps, regulariserTarget, klWeight, learningRate,
                weightDecay, gradClip, innerEpochs, microBatches, update, maxBadUpdatesInARow, checkpointEvery, clipX0,
                trainBase, measureGradientRatio);
    }

    /** The same settings with another advantage weighting (the flat-advantage ablation). */
    public RlSettings withWeighting(AdvantageWeighting w) {
        return new RlSettings(rounds, facesPerRound, groupSize, clipEpsilon, advantageClip, w, regulariser,
                regulariserWeight, regulariserScale, regulariserLastDenoisingSteps, regulariserTarget, klWeight, learningRate,
                weightDecay, gradClip, innerEpochs, microBatches, update, maxBadUpdatesInARow, checkpointEvery, clipX0,
                trainBase, measureGradientRatio);
    }

    static RlSettings read(SettingsReader r) {
        RlSettings s = new RlSettings(
                r.intIn("lrpo.rl.rounds", 1, 10_000_000),
                r.intIn("lrpo.rl.faces-per-round", 1, 1_000_000),
                r.intIn("lrpo.rl.group-size", 2, 1024),
                r.doubleAbove("lrpo.rl.clip-epsilon", 0.0, 1.0),
                r.doubleAbove("lrpo.rl.advantage-clip", 0.0, 1e6),
                r.oneOf("lrpo.rl.advantage-weighting", AdvantageWeighting.class),
                r.bool("lrpo.rl.regulariser.enabled"),
                r.doubleIn("lrpo.rl.regulariser.weight", 0.0, 1e6),
                r.doubleAbove("lrpo.rl.regulariser.scale", 0.0, 1e9),
                r.intIn("lrpo.rl.regulariser.last-denoising-steps", 1, 1000),
                r.oneOf("lrpo.rl.regulariser.target", RegulariserTarget.class),
                r.doubleIn("lrpo.rl.kl-weight", 0.0, 1e6),
                r.doubleAbove("lrpo.rl.learning-rate", 0.0, 1.0),
                r.doubleIn("lrpo.rl.weight-decay", 0.0, 1.0),
                r.doubleIn("lrpo.rl.grad-clip", 0.0, 1e6),
                r.intIn("lrpo.rl.inner-epochs", 1, 1000),
                r.intIn("lrpo.rl.micro-batches", 1, 1_000_000),
                r.oneOf("lrpo.rl.update", UpdateMode.class),
                r.intIn("lrpo.rl.max-bad-updates-in-a-row", 1, 1_000_000),
                r.intIn("lrpo.rl.checkpoint-every", 0, 10_000_000),
                r.bool("lrpo.rl.clip-x0"),
                r.bool("lrpo.rl.train-base"),
                r.bool("lrpo.rl.regulariser.measure-gradient-ratio"));
        r.require(s.microBatches <= s.facesPerRound * s.groupSize, "lrpo.rl.micro-batches = " + s.microBatches
                + " exceeds the samples of a round, lrpo.rl.faces-per-round * lrpo.rl.group-size = "
                + s.facesPerRound + " * " + s.groupSize + " = " + s.facesPerRound * s.groupSize);
        return s;
    }
}

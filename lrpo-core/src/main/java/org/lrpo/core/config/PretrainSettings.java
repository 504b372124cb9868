package org.lrpo.core.config;

/**
 * Supervised pre-training (METHOD section 7).
 *
 * @param optimiserSteps optimiser steps
 * @param batchSize (LQ, HQ) pairs per step, over the whole cluster
 * @param learningRate peak AdamW learning rate
 * @param weightDecay AdamW decoupled weight decay
 * @param gradClip global gradient L2-norm clip (0 = off)
 * @param emaDecay decay of the EMA weights kept beside the live ones (0 = no EMA)
 * @param lrShape constant or cosine decay after warm-up
 * @param warmupSteps linear warm-up steps
 * @param checkpointEvery write a checkpoint every this many steps (0 = only at the end)
 * @param maxTimestep the diffusion loss draws {@code t} from {@code 0 .. maxTimestep - 1}; 0 = every one of the
 *     schedule's T (METHOD 7). Stage 1 has no timesteps and always holds 0.
 */
public record PretrainSettings(int optimiserSteps, int batchSize, double learningRate, double weightDecay,
                               double gradClip, double emaDecay, LearningRateShape lrShape,
                               int warmupSteps, int checkpointEvery, int maxTimestep) {

    static PretrainSettings read(SettingsReader r, ScheduleSettings schedule) {
        PretrainSettings p = read(r, "lrpo.pretrain", r.intIn("lrpo.pretrain.max-timestep", 0, 100_000));
        r.require(p.maxTimestep <= schedule.trainTimesteps(), "lrpo.pretrain.max-timestep = " + p.maxTimestep
                + " cannot exceed lrpo.schedule.train-timesteps = " + schedule.trainTimesteps());
        return p;
    }

    /** The optimiser keys under another section (the stage-1 restoration module's, for one). */
    static PretrainSettings read(SettingsReader r, String section) {
        return read(r, section, 0);
    }

    /** The timesteps the diffusion loss draws from, given the schedule's T. */
    public int timestepsDrawn(int trainTimesteps) {
        return maxTimestep == 0 ? trainTimesteps : maxTimestep;
    }

    private static PretrainSettings read(SettingsReader r, String section, int maxTimestep) {
        PretrainSettings p = new PretrainSettings(
                r.intIn(section + ".optimiser-steps", 1, 10_000_000),
                r.intIn(section + ".batch-size", 1, 65_536),
                r.doubleAbove(section + ".learning-rate", 0.0, 1.0),
                r.doubleIn(section + ".weight-decay", 0.0, 1.0),
                r.doubleIn(section + ".grad-clip", 0.0, 1e6),
                r.doubleIn(section + ".ema-decay", 0.0, 0.999999),
                r.oneOf(section + ".lr-schedule", LearningRateShape.class),
                r.intIn(section + ".warmup-steps", 0, 10_000_000),
                r.intIn(section + ".checkpoint-every", 0, 10_000_000),
                maxTimestep);
        r.require(p.warmupSteps <= p.optimiserSteps, section + ".warmup-steps = " + p.warmupSteps
                + " cannot exceed " + section + ".optimiser-steps = " + p.optimiserSteps);
        return p;
    }
}

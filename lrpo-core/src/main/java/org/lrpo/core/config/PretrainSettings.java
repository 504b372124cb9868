package org.lrpo.core.config;

/**
 * Supervised pre-training (METHOD section 7).
 *
 * @param steps optimiser steps
 * @param batchSize (LQ, HQ) pairs per step, over the whole cluster
 * @param learningRate peak AdamW learning rate
 * @param weightDecay AdamW decoupled weight decay
 * @param gradClip global gradient L2-norm clip (0 = off)
 * @param emaDecay decay of the EMA weights kept beside the live ones (0 = no EMA)
 * @param lrShape constant or cosine decay after warm-up
 * @param warmupSteps linear warm-up steps
 * @param checkpointEvery write a checkpoint every this many steps (0 = only at the end)
 */
public record PretrainSettings(int steps, int batchSize, double learningRate, double weightDecay,
                               double gradClip, double emaDecay, LearningRateShape lrShape,
                               int warmupSteps, int checkpointEvery) {

    static PretrainSettings read(SettingsReader r) {
        PretrainSettings p = new PretrainSettings(
                r.intIn("lrpo.pretrain.steps", 1, 10_000_000),
                r.intIn("lrpo.pretrain.batch-size", 1, 65_536),
                r.doubleAbove("lrpo.pretrain.learning-rate", 0.0, 1.0),
                r.doubleIn("lrpo.pretrain.weight-decay", 0.0, 1.0),
                r.doubleIn("lrpo.pretrain.grad-clip", 0.0, 1e6),
                r.doubleIn("lrpo.pretrain.ema-decay", 0.0, 0.999999),
                r.oneOf("lrpo.pretrain.lr-schedule", LearningRateShape.class),
                r.intIn("lrpo.pretrain.warmup-steps", 0, 10_000_000),
                r.intIn("lrpo.pretrain.checkpoint-every", 0, 10_000_000));
        r.require(p.warmupSteps <= p.steps, "lrpo.pretrain.warmup-steps = " + p.warmupSteps
                + " cannot exceed lrpo.pretrain.steps = " + p.steps);
        return p;
    }
}

package org.lrpo.core.train;

import org.lrpo.core.image.RgbImage;

/**
 * A ground-truth face, its degraded version and the condition the diffusion policy sees, the unit of
 * supervised training and of LRPO groups.
 *
 * @param id stable id of the face (content hash or generator coordinates); keys every random draw
 * @param hq the ground truth
 * @param lq the degraded input
 * @param condition what the policy is conditioned on: {@code R(lq)}, the stage-1 restoration (METHOD 1),
 *     once a {@link org.lrpo.core.restoration.ConditionedPairs} has set it; the LQ itself before that
 */
public record TrainingPair(String id, RgbImage hq, RgbImage lq, RgbImage condition) {
    public TrainingPair {
        if (hq.width() != lq.width() || hq.height() != lq.height()) {
            throw new IllegalArgumentException("pair " + id + ": hq " + hq + " and lq " + lq + " differ in size");
        }
        if (condition.width() != lq.width() || condition.height() != lq.height()) {
            throw new IllegalArgumentException("pair " + id + ": condition " + condition + " and lq " + lq
                    + " differ in size");
        }
    }

    /** A degraded pair not yet conditioned: the condition is the LQ until stage 1 is applied. */
    public static TrainingPair degraded(String id, RgbImage hq, RgbImage lq) {
        return new TrainingPair(id, hq, lq, lq);
    }

    /** The same pair conditioned on {@code condition}. */
    public TrainingPair withCondition(RgbImage condition) {
        return new TrainingPair(id, hq, lq, condition);
    }
}

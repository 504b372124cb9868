package org.lrpo.core.train;

import org.lrpo.core.image.RgbImage;

/**
 * A ground-truth face and its degraded version, the unit of supervised training and of LRPO groups.
 *
 * @param id stable id of the face (content hash or generator coordinates); keys every random draw
 * @param hq the ground truth
 * @param lq the degraded input the policy is conditioned on
 */
public record TrainingPair(String id, RgbImage hq, RgbImage lq) {
    public TrainingPair {
        if (hq.width() != lq.width() || hq.height() != lq.height()) {
            throw new IllegalArgumentException("pair " + id + ": hq " + hq + " and lq " + lq + " differ in size");
        }
    }
}

package org.lrpo.core.lrpo;

/**
 * One candidate of a kept group, with its group-relative advantage A_i (before the per-step weights).
 *
 * @param group the face group the candidate belongs to
 * @param candidate its index in the group
 * @param advantage A_i of METHOD section 5
 */
public record TrainingSample(FaceGroup group, int candidate, double advantage) {}

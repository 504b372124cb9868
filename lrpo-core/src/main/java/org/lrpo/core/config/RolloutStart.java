package org.lrpo.core.config;

/**
 * Whose noise a group's G rollouts start from ({@code sampler.rollout-start}).
 *
 * <p>METHOD gives every candidate its own starting latent. On a short rollout chain (a low
 * {@code sampler.rollout-strength}) most of the difference between a group's rewards then comes from the
 * starting noise, which is not an action of the policy and has no log-probability, and the group-relative
 * advantage credits the trained steps with it. {@link #PER_GROUP} draws one start per (round, face) and
 * shares it across the group, so the candidates differ only by the noise of the steps the policy is trained on
 * (<b>[here]</b>; DanceGRPO shares the initial noise within a group for the same reason).
 */
public enum RolloutStart {
    /** Each candidate's own starting latent (METHOD section 3). */
    PER_CANDIDATE,
    /** One starting latent per group, that of candidate 0 (<b>[here]</b>). */
    PER_GROUP
}

package org.lrpo.core.reward;

import java.util.List;
import org.lrpo.core.image.RgbImage;

/**
 * One named term of the composite reward (METHOD section 4), e.g. {@code ssim} or {@code identity}.
 * Implementations live in lrpo-rewards; the objective only sees this interface.
 *
 * <p>Contract: {@link #score} returns one finite value per (restored, ground truth) pair, inside
 * {@link #range()}, deterministically (the same images give the same numbers on any worker), and
 * rejects pairs of different sizes or images with non-finite pixels with an
 * {@link IllegalArgumentException} that names the problem. No-reference components ignore the ground
 * truth but still require it, so every component has the same call shape.
 */
public interface RewardComponent extends AutoCloseable {

    /** The name used in configuration and in metric tables. */
    String name();

    /** The values {@link #score} can return. */
    ScoreRange range();

    /** Scores each pair {@code (restored.get(i), groundTruth.get(i))}; higher is better. */
    double[] score(List<RgbImage> restored, List<RgbImage> groundTruth);

    /** Releases native resources (networks); the default holds none. */
    @Override
    default void close() {}
}

package org.lrpo.core.reward;

import java.util.List;
import org.lrpo.core.image.RgbImage;

/** What the LRPO objective calls: a total reward (and its parts) per restored image. */
public interface Reward extends AutoCloseable {

    /** Scores each pair {@code (restored.get(i), groundTruth.get(i))}. */
    List<RewardScores> score(List<RgbImage> restored, List<RgbImage> groundTruth);

    /** The component names, in the order the metric tables list them. */
    List<String> componentNames();

    @Override
    default void close() {}
}

package org.lrpo.rewards.reward;

import java.util.List;
import org.lrpo.core.image.RgbImage;

/**
 * The input contract of every reward component ({@link org.lrpo.core.reward.RewardComponent}), checked
 * once per batch: as many restored images as ground truths, at least one pair, no nulls, each restored
 * image the size of its ground truth, and every pixel finite. Each failure is an
 * {@link IllegalArgumentException} naming the list, the index and, for pixels, the position.
 */
public final class ImagePairs {
    private ImagePairs() {
    }

    /** Throws if the batch breaks the contract; returns its size. */
    public static int requireValid(List<RgbImage> restored, List<RgbImage> groundTruth) {
        if (restored == null || groundTruth == null) {
            throw new IllegalArgumentException("restored and ground-truth lists must not be null (restored "
                    + (restored == null ? "null" : "given") + ", ground truth " + (groundTruth == null ? "null" : "given")
                    + ")");
        }
        if (restored.size() != groundTruth.size()) {
            throw new IllegalArgumentException(restored.size() + " restored images but " + groundTruth.size()
                    + " ground truths: the lists must pair up one to one");
        }
        if (restored.isEmpty()) {
            throw new IllegalArgumentException("no image pairs to score");
        }
        for (int i = 0; i < restored.size(); i++) {
            RgbImage x = restored.get(i);
            RgbImage gt = groundTruth.get(i);
            if (x == null || gt == null) {
                throw new IllegalArgumentException((x == null ? "restored[" : "groundTruth[") + i + "] is null");
            }
            if (x.width() != gt.width() || x.height() != gt.height()) {
                throw new IllegalArgumentException("restored[" + i + "] is " + x.width() + "x" + x.height()
                        + " but groundTruth[" + i + "] is " + gt.width() + "x" + gt.height()
                        + ": each pair must have the same size");
            }
            requireFinite(x, "restored[" + i + "]");
            requireFinite(gt, "groundTruth[" + i + "]");
        }
        return restored.size();
    }

    /** Every pixel finite: one NaN would silently turn a whole metric into NaN. */
    public static void requireFinite(RgbImage image, String what) {
        float[] v = image.chw();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                int plane = image.width() * image.height();
                throw new IllegalArgumentException(what + " has a non-finite pixel (" + v[i] + ") at channel "
                        + i / plane + ", y " + (i % plane) / image.width() + ", x " + i % image.width());
            }
        }
    }
}

package org.lrpo.rewards.reward;

import java.util.ArrayList;
import java.util.List;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.RewardComponent;
import org.lrpo.core.reward.ScoreRange;

/** Small components whose scores a reader can work out by hand, for the composite and registry tests. */
final class TestComponents {
    private TestComponents() {
    }

    /** {@code l1}: 1 - mean |x - gt| over all values, in [0, 1] for images in [0, 1]. */
    static final class MeanAbsDiff extends Recording {
        MeanAbsDiff() {
            super("l1", ScoreRange.UNIT);
        }

        @Override
        double[] compute(List<RgbImage> x, List<RgbImage> gt) {
            double[] out = new double[x.size()];
            for (int i = 0; i < out.length; i++) {
                float[] a = x.get(i).chw();
                float[] b = gt.get(i).chw();
                double sum = 0;
                for (int k = 0; k < a.length; k++) {
                    sum += Math.abs(a[k] - b[k]);
                }
                out[i] = 1 - sum / a.length;
            }
            return out;
        }
    }

    /** {@code brightness}: mean value of x (no reference), in [0, 1]. */
    static final class Brightness extends Recording {
        Brightness() {
            super("brightness", ScoreRange.UNIT);
        }

        @Override
        double[] compute(List<RgbImage> x, List<RgbImage> gt) {
            double[] out = new double[x.size()];
            for (int i = 0; i < out.length; i++) {
                double sum = 0;
                for (float v : x.get(i).chw()) {
                    sum += v;
                }
                out[i] = sum / x.get(i).size();
            }
            return out;
        }
    }

    /** Returns the given scores whatever the images: a component with a bug. */
    static final class Scripted extends Recording {
        private final double[] scores;

        Scripted(String name, ScoreRange range, double... scores) {
            super(name, range);
            this.scores = scores;
        }

        @Override
        double[] compute(List<RgbImage> x, List<RgbImage> gt) {
            return scores.clone();
        }
    }

    /** Records every call (batch sizes) and closes, so tests can see what the composite did. */
    abstract static class Recording implements RewardComponent {
        private final String name;
        private final ScoreRange range;
        final List<Integer> batchSizes = new ArrayList<>();
        int closed;
        RuntimeException failOnClose;

        Recording(String name, ScoreRange range) {
            this.name = name;
            this.range = range;
        }

        abstract double[] compute(List<RgbImage> x, List<RgbImage> gt);

        @Override
        public String name() {
            return name;
        }

        @Override
        public ScoreRange range() {
            return range;
        }

        @Override
        public double[] score(List<RgbImage> restored, List<RgbImage> groundTruth) {
            batchSizes.add(restored.size());
            return compute(restored, groundTruth);
        }

        @Override
        public void close() {
            closed++;
            if (failOnClose != null) {
                throw failOnClose;
            }
        }
    }

    /** A w x h image filled with one value per channel. */
    static RgbImage flat(int w, int h, float r, float g, float b) {
        float[] chw = new float[3 * w * h];
        float[] v = {r, g, b};
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.fill(chw, c * w * h, (c + 1) * w * h, v[c]);
        }
        return RgbImage.wrap(w, h, chw);
    }
}

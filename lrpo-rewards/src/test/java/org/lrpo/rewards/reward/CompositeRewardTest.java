package org.lrpo.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lrpo.rewards.reward.TestComponents.flat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.RewardScores;
import org.lrpo.core.reward.ScoreRange;
import org.lrpo.rewards.reward.TestComponents.Brightness;
import org.lrpo.rewards.reward.TestComponents.MeanAbsDiff;
import org.lrpo.rewards.reward.TestComponents.Scripted;

/** The composite reward's formula, weight rules, range checks and input checks, on components computed by hand. */
class CompositeRewardTest {
    // Two 2x2 pairs:
    //   pair 0: x = (0.2, 0.4, 0.6), gt = (0.2, 0.4, 1.0) -> l1 = 1 - (0 + 0 + 0.4)/3, brightness = 0.4
    //   pair 1: x = (1, 1, 1),        gt = (0, 0, 0)       -> l1 = 0,                  brightness = 1
    private static final List<RgbImage> X = List.of(flat(2, 2, 0.2f, 0.4f, 0.6f), flat(2, 2, 1, 1, 1));
    private static final List<RgbImage> GT = List.of(flat(2, 2, 0.2f, 0.4f, 1.0f), flat(2, 2, 0, 0, 0));

    @Test
    void totalIsTheWeightedSumAndEveryPartIsReported() {
        MeanAbsDiff l1 = new MeanAbsDiff();
        Brightness bright = new Brightness();
        try (CompositeReward r = CompositeReward.of(List.of(new WeightedComponent(l1, 0.7),
                new WeightedComponent(bright, 0.3)))) {
            List<RewardScores> s = r.score(X, GT);
            double l1First = 1 - 0.4 / 3;
            assertEquals(l1First, s.get(0).components().get("l1"), 1e-7);
            assertEquals(0.4, s.get(0).components().get("brightness"), 1e-7);
            assertEquals(0.7 * l1First + 0.3 * 0.4, s.get(0).total(), 1e-7);
            assertEquals(0.0, s.get(1).components().get("l1"), 1e-7);
            assertEquals(1.0, s.get(1).components().get("brightness"), 1e-7);
            assertEquals(0.3, s.get(1).total(), 1e-7);
            assertEquals(List.of("l1", "brightness"), r.componentNames());
            assertEquals(Map.of("l1", 0.7, "brightness", 0.3), r.weights());
            // Batched: each component saw the whole batch exactly once.
            assertEquals(List.of(2), l1.batchSizes);
            assertEquals(List.of(2), bright.batchSizes);
        }
        assertEquals(1, l1.closed, "the composite closes its components");
        assertEquals(1, bright.closed);
    }

    @Test
    void aZeroWeightComponentIsReportedButDoesNotCount() {
        try (CompositeReward r = CompositeReward.of(List.of(new WeightedComponent(new MeanAbsDiff(), 1.0),
                new WeightedComponent(new Brightness(), 0.0)))) {
            RewardScores s = r.score(X, GT).get(1);
            assertEquals(0.0, s.total(), 1e-12);
            assertEquals(1.0, s.components().get("brightness"), 1e-7);
        }
    }

    @Test
    void weightsMustBeNonNegativeAndSumToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompositeReward.of(List.of(
                new WeightedComponent(new MeanAbsDiff(), 0.5), new WeightedComponent(new Brightness(), 0.3))));
        assertTrue(e.getMessage().contains("l1=0.5") && e.getMessage().contains("brightness=0.3")
                && e.getMessage().contains("sum 0.8"), e.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> CompositeReward.of(List.of(
                new WeightedComponent(new MeanAbsDiff(), 1.2), new WeightedComponent(new Brightness(), -0.2))));
        assertTrue(neg.getMessage().contains("brightness=-0.2"), neg.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompositeReward.of(List.of(
                new WeightedComponent(new MeanAbsDiff(), Double.NaN))));
        assertThrows(IllegalArgumentException.class, () -> CompositeReward.of(List.of()));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> CompositeReward.of(List.of(
                new WeightedComponent(new MeanAbsDiff(), 0.5), new WeightedComponent(new MeanAbsDiff(), 0.5))));
        assertTrue(dup.getMessage().contains("'l1' appears twice"), dup.getMessage());
        // METHOD's 0.3 + 0.3 + 0.1 + 0.3 is 0.9999999999999999 in doubles: inside the tolerance.
        CompositeReward.requireValidWeights(Map.of("a", 0.3, "b", 0.3, "c", 0.1, "d", 0.3));
        assertThrows(IllegalArgumentException.class, () -> CompositeReward.requireValidWeights(Map.of("a", 1 + 1e-8)));
    }

    @Test
    void aComponentOutsideItsRangeIsABugNamedWithTheImage() {
        for (double bad : new double[] {1.5, -0.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            try (CompositeReward r = CompositeReward.of(List.of(new WeightedComponent(new MeanAbsDiff(), 0.5),
                    new WeightedComponent(new Scripted("buggy", ScoreRange.UNIT, 0.5, bad), 0.5)))) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.score(X, GT));
                assertTrue(e.getMessage().contains("'buggy'") && e.getMessage().contains("image 1")
                        && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
            }
        }
        try (CompositeReward r = CompositeReward.of(List.of(new WeightedComponent(
                new Scripted("short", ScoreRange.UNIT, 0.5), 1.0)))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.score(X, GT));
            assertTrue(e.getMessage().contains("'short' returned 1 scores for 2 images"), e.getMessage());
        }
        // A wider declared range is honoured.
        try (CompositeReward r = CompositeReward.of(List.of(new WeightedComponent(
                new Scripted("wide", new ScoreRange(-1, 2), -0.5, 1.5), 1.0)))) {
            assertEquals(1.5, r.score(X, GT).get(1).total(), 0);
        }
    }

    @Test
    void badInputIsNamedBeforeAnyComponentRuns() {
        MeanAbsDiff l1 = new MeanAbsDiff();
        try (CompositeReward r = CompositeReward.of(List.of(new WeightedComponent(l1, 1.0)))) {
            IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                    () -> r.score(X, GT.subList(0, 1)));
            assertTrue(count.getMessage().contains("2 restored images but 1 ground truths"), count.getMessage());
            IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                    () -> r.score(X, List.of(GT.get(0), flat(3, 2, 0, 0, 0))));
            assertTrue(size.getMessage().contains("restored[1] is 2x2 but groundTruth[1] is 3x2"), size.getMessage());
            RgbImage nan = flat(2, 2, 0, 0, 0);
            nan.chw()[2 * 4 + 3] = Float.NaN;
            IllegalArgumentException pixel = assertThrows(IllegalArgumentException.class,
                    () -> r.score(X, List.of(GT.get(0), nan)));
            assertTrue(pixel.getMessage().contains("groundTruth[1] has a non-finite pixel (NaN) at channel 2, y 1, x 1"),
                    pixel.getMessage());
            assertThrows(IllegalArgumentException.class, () -> r.score(List.of(), List.of()));
            assertTrue(l1.batchSizes.isEmpty(), "no component may run on a bad batch");
        }
    }

    @Test
    void closeReachesEveryComponentEvenWhenOneFails() {
        MeanAbsDiff a = new MeanAbsDiff();
        Brightness b = new Brightness();
        a.failOnClose = new IllegalStateException("a failed");
        CompositeReward r = CompositeReward.of(List.of(new WeightedComponent(a, 0.5), new WeightedComponent(b, 0.5)));
        IllegalStateException e = assertThrows(IllegalStateException.class, r::close);
        assertEquals("a failed", e.getMessage());
        assertEquals(1, b.closed);
    }
}

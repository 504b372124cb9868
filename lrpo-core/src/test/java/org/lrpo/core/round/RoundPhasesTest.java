package org.lrpo.core.round;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.lrpo.StepStatistics;
import org.lrpo.core.optim.GroupedGradients;
import org.lrpo.core.optim.OrderedGradientSum;
import org.lrpo.core.optim.ShardGradient;

/** The round's driver-side phases on hand-worked inputs (the network-side ones are in LrpoTrainerTest). */
class RoundPhasesTest {

    private static RewardTable table(double[] totals, double... firstComponent) {
        double[][] components = new double[totals.length][];
        for (int i = 0; i < totals.length; i++) {
            components[i] = new double[] {firstComponent[i], 1 - firstComponent[i]};
        }
        return new RewardTable(new String[] {"ssim", "niqe"}, totals, components);
    }

    @Test
    void rewardTablesOfShardsJoinInOrderIntoGroupsAndComponentMeans() {
        RewardTable a = table(new double[] {1, 2, 3}, 0.1, 0.2, 0.3);
        RewardTable b = table(new double[] {4, 5, 6}, 0.4, 0.5, 0.6);
        RewardTable joined = RewardTable.concat(List.of(a, RewardTable.empty(), b));
        assertEquals(6, joined.candidates());
        double[][] byFace = joined.byFace(3);
        assertArrayEquals(new double[] {1, 2, 3}, byFace[0]);
        assertArrayEquals(new double[] {4, 5, 6}, byFace[1]);
        Map<String, Double> means = joined.componentMeans();
        assertEquals(List.of("ssim", "niqe"), List.copyOf(means.keySet()));
        assertEquals(0.35, means.get("ssim"), 1e-12);
        assertEquals(0.65, means.get("niqe"), 1e-12);
        assertThrows(IllegalStateException.class, () -> joined.byFace(4));
        RewardTable other = new RewardTable(new String[] {"psnr"}, new double[] {1}, new double[][] {{1}});
        assertThrows(IllegalStateException.class, () -> RewardTable.concat(List.of(a, other)));
    }

    @Test
    void theAdvantagePlanKeepsOnlyGroupsWithSignalAndSplitsThemIntoSeededMicroBatches() {
        // Face 0: rewards 1, 3 (mean 2); face 1: a tie (dropped); face 2: 0, 4 (mean 2).
        RewardTable rewards = table(new double[] {1, 3, 5, 5, 0, 4}, 0, 0, 0, 0, 0, 0);
        AdvantagePlan plan = AdvantagePlan.of(rewards, 2);
        // Population std over all six rewards: mean 3, squares 4+0+4+4+9+1 = 22, std sqrt(22/6).
        double std = Math.sqrt(22.0 / 6) + 1e-4;
        assertArrayEquals(new double[] {-1 / std, 1 / std}, plan.table()[0], 1e-12);
        assertArrayEquals(new double[] {0, 0}, plan.table()[1]);
        assertArrayEquals(new double[] {-2 / std, 2 / std}, plan.table()[2], 1e-12);
        assertEquals(List.of(new CandidateRef(0, 0), new CandidateRef(0, 1), new CandidateRef(2, 0),
                new CandidateRef(2, 1)), plan.kept());
        assertEquals(2, plan.keptGroups());
        assertEquals(3, plan.groups());
        assertEquals(1.5 / std, plan.advantageAbsMean(), 1e-12);

        List<List<CandidateRef>> micro = plan.microBatches(7, 3, 0, 3);
        assertEquals(List.of(1, 1, 2), micro.stream().map(List::size).toList());
        List<CandidateRef> all = new ArrayList<>();
        micro.forEach(all::addAll);
        assertEquals(new HashSet<>(plan.kept()), new HashSet<>(all));
        assertEquals(micro, plan.microBatches(7, 3, 0, 3), "the order is a function of (seed, round, epoch)");
        assertTrue(AdvantagePlan.of(table(new double[] {1, 1}, 0, 0), 2).microBatches(7, 0, 0, 4).isEmpty(),
                "a round without signal has no micro-batches");
    }

    @Test
    void perTimestepUpdatesCoverOneStepEachAndAccumulatedOnesAverageAllSteps() {
        LrpoSettings perStep = LrpoSettings.read(ConfigLoader.load(Optional.empty(), List.of("sampler.denoising-steps=4")));
        assertEquals(3, LrpoParts.of(perStep).trainedSteps());
        List<OptimiserUpdate> updates = LrpoParts.of(perStep).updates();
        assertEquals(3, updates.size());
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(new int[] {k}, updates.get(k).stepIndices());
            assertEquals(1, updates.get(k).divisor());
        }
        LrpoSettings accumulate = LrpoSettings.read(ConfigLoader.load(Optional.empty(),
                List.of("sampler.denoising-steps=4", "rl.update=accumulate")));
        OptimiserUpdate all = LrpoParts.of(accumulate).updates().get(0);
        assertArrayEquals(new int[] {0, 1, 2}, all.stepIndices());
        assertEquals(3, all.divisor());
        assertEquals("steps 0-2", all.describe());
    }

    private static StepStatistics stats(int samples, double loss, double ratioMin, double ratioMax) {
        return new StepStatistics(samples, loss, 0, 0, samples, ratioMin, ratioMax, 0, 0, loss, 0, 0);
    }

    @Test
    void updateStatisticsMergeOnlyWithinTheSameStepsAndSurviveSerialisation() throws Exception {
        OptimiserUpdate update = new OptimiserUpdate(new int[] {2, 3}, 2);
        UpdateStatistics a = new UpdateStatistics(new int[] {2, 3},
                new StepStatistics[] {stats(2, 0.5, 0.9, 1.1), stats(2, 0.25, 0.95, 1.0)});
        UpdateStatistics b = new UpdateStatistics(new int[] {2, 3},
                new StepStatistics[] {stats(1, 0.125, 0.8, 1.0), stats(1, 1, 1.0, 1.3)});
        UpdateStatistics merged = UpdateStatistics.empty(update).merge(a).merge(b);
        assertEquals(3, merged.samples());
        assertEquals(0.625, merged.perStep()[0].policyLossSum());
        assertEquals(0.8, merged.perStep()[0].ratioMin());
        assertEquals(1.3, merged.perStep()[1].ratioMax());
        UpdateStatistics otherSteps = UpdateStatistics.empty(new OptimiserUpdate(new int[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> merged.merge(otherSteps));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(merged);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            UpdateStatistics back = (UpdateStatistics) in.readObject();
            assertArrayEquals(merged.stepIndices(), back.stepIndices());
            assertArrayEquals(merged.perStep(), back.perStep());
        }
    }

    @Test
    void shardGradientsAddInShardOrderWhateverOrderTheyArrive() {
        float[] into = new float[2];
        List<ShardGradient<Double>> arrived = List.of(
                new ShardGradient<>(2, 1, 3.0, new float[] {1e8f, 1}),
                new ShardGradient<>(0, 1, 1.0, new float[] {1, 2}),
                new ShardGradient<>(1, 0, 0.0, new float[0]));
        List<ShardGradient<Double>> ordered = OrderedGradientSum.sum(arrived, 3, into);
        assertEquals(List.of(0, 1, 2), ordered.stream().map(ShardGradient::shard).toList());
        assertEquals((0f + 1f) + 1e8f, into[0]);
        assertEquals(3f, into[1]);
        assertThrows(IllegalStateException.class, () -> OrderedGradientSum.sum(arrived.subList(0, 2), 3, into));
        List<ShardGradient<Double>> twice = List.of(arrived.get(1), arrived.get(1), arrived.get(0));
        assertThrows(IllegalStateException.class, () -> OrderedGradientSum.sum(twice, 3, into));
    }

    @Test
    void aTreeAddsEachGroupInShardOrderThenTheGroupsInGroupOrder() {
        // 1e8 + 4 rounds back to 1e8 (float spacing 8 there), 1e8 + (4 + 4) does not: the order shows in the bits.
        List<ShardGradient<Double>> shards = List.of(
                new ShardGradient<>(3, 1, 0.0, new float[] {4}),
                new ShardGradient<>(0, 1, 0.0, new float[] {1e8f}),
                new ShardGradient<>(2, 1, 0.0, new float[] {4}),
                new ShardGradient<>(1, 0, 0.0, new float[0]));
        float[] flat = new float[1];
        OrderedGradientSum.sum(shards, 4, flat);
        assertEquals(((1e8f + 4f) + 4f), flat[0]);
        assertEquals(1e8f, flat[0], 0f, "the flat sum loses both 4s");

        assertEquals(2, OrderedGradientSum.groups(4, 2));
        assertEquals(3, OrderedGradientSum.groups(5, 2));
        float[] first = OrderedGradientSum.groupSum(List.of(shards.get(3), shards.get(1)));
        float[] second = OrderedGradientSum.groupSum(List.of(shards.get(0), shards.get(2)));
        float[] tree = new float[1];
        List<ShardGradient<Double>> headers = shards.stream().map(ShardGradient::header).toList();
        List<ShardGradient<Double>> ordered = OrderedGradientSum.sum(
                new GroupedGradients<>(headers, 2, Arrays.asList(first, second)), 4, tree);
        assertEquals(1e8f + (4f + 4f), tree[0], 0f, "shards 2 and 3 meet before they meet 1e8");
        assertEquals(100_000_008f, tree[0], 0f);
        assertEquals(List.of(0, 1, 2, 3), ordered.stream().map(ShardGradient::shard).toList());

        float[] oneGroup = new float[1];
        OrderedGradientSum.sum(new GroupedGradients<>(headers, 4,
                Arrays.asList(OrderedGradientSum.groupSum(shards))), 4, oneGroup);
        assertEquals(flat[0], oneGroup[0], 0f, "one group is the flat sum");

        assertNull(OrderedGradientSum.groupSum(List.of(shards.get(3))), "a group that computed nothing has no sum");
        assertThrows(IllegalStateException.class, () -> OrderedGradientSum.sum(
                new GroupedGradients<>(headers, 2, Arrays.asList(first)), 4, tree), "a group's sum is missing");
        assertThrows(IllegalStateException.class, () -> OrderedGradientSum.sum(
                new GroupedGradients<>(headers.subList(0, 3), 2, Arrays.asList(first, second)), 4, tree));
    }
}

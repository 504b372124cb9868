package org.lrpo.core.train;

import ai.djl.engine.Engine;
import java.util.List;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.config.PretrainSettings;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.TrainableNetwork;

/**
 * Supervised training in one JVM (METHOD section 7), for either stage: each step draws a batch, computes
 * the gradient of its summed loss as one shard ({@link SupervisedObjective} for the diffusion model,
 * {@link org.lrpo.core.restoration.RestorationObjective} for the restoration module) and takes the
 * {@link SupervisedState} step on it. The Spark job computes the same shards on partitions and takes the
 * same step on the driver.
 */
public final class Pretrainer {
    private final ShardObjective objective;
    private final PairSource data;
    private final PretrainSettings settings;
    private final long seed;
    private final SupervisedState state;

    /** One optimiser step's numbers. */
    public record StepReport(long step, double loss, double lr, double gradNorm, boolean skipped) {}

    /** Pre-training of the diffusion policy on {@code data}'s pairs (their conditions: {@code R(lq)}). */
    public Pretrainer(ConditionalDenoiser policy, NoiseSchedule schedule, Engine engine, PairSource data,
                      PretrainSettings settings, long seed) {
        this(policy, SupervisedObjective.of(policy, schedule, engine, seed, settings), data, settings, seed);
    }

    /** Training of {@code network} with {@code objective}, an objective over that network. */
    public Pretrainer(TrainableNetwork network, ShardObjective objective, PairSource data, PretrainSettings settings,
                      long seed) {
        this.objective = objective;
        this.data = data;
        this.settings = settings;
        this.seed = seed;
        this.state = new SupervisedState(network, settings, true);
    }

    /** Runs one optimiser step on the next batch. */
    public StepReport step() {
        int b = settings.batchSize();
        List<TrainingPair> pairs = data.batch(state.step(), 0, b);
        return state.apply(List.of(SupervisedState.shardGradient(state.parameters(), objective, pairs, state.step(),
                0, 0)), 1, b);
    }

    public long stepCount() {
        return state.step();
    }

    /** Swaps the EMA weights into the network (for evaluation or export); no-op without EMA. */
    public void useEmaWeights() {
        state.useEmaWeights();
    }

    /** Everything needed to resume exactly. */
    public CheckpointContents checkpoint(String configText) {
        return state.checkpoint(configText, seed, data.links());
    }

    /**
     * Continues from a checkpoint this trainer's configuration wrote: weights, AdamW moments and step
     * count, EMA, and the data step. The next {@link #step()} is the one an uninterrupted run would take.
     */
    public void restore(CheckpointContents c) {
        state.restore(c, "checkpoint at step " + c.step());
    }

    public NetworkParameters parameters() {
        return state.parameters();
    }
}

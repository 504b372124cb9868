package org.lrpo.core.round;

import ai.djl.engine.Engine;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.lrpo.RoundReport;
import org.lrpo.core.lrpo.TrainingSample;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.PairSource;

/**
 * LRPO in one JVM: the round's phases run in order, each micro-batch as a single shard. The Spark job
 * runs the same phases with one shard per partition, so both give the same weights bit for bit.
 *
 * <ol>
 *   <li>{@link RolloutPhase}: the round's faces and G candidates each, then {@link RewardTable#score};</li>
 *   <li>{@link AdvantagePlan}: group-relative advantages, kept candidates, micro-batches;</li>
 *   <li>{@link GradientPhase}: per inner epoch, micro-batch and {@link OptimiserUpdate}, the gradient;</li>
 *   <li>{@link LrpoState#apply}: the guarded AdamW step, tallied into the {@link RoundReport}.</li>
 * </ol>
 */
public final class LrpoTrainer implements AutoCloseable {
    private final LrpoParts parts;
    private final PairSource faces;
    private final Reward reward;
    private final RolloutPhase rollout;
    private final GradientPhase gradients;
    private final LrpoState state;
    private final Optional<ConditionalDenoiser> ownedReference;

    /**
     * @param policy the policy to train, holding the starting weights; its trainable weights become
     *     {@link LrpoParts#trainableSet()} (the control branch only, unless {@code rl.train-base})
     * @param reference the frozen policy of the optional KL term; when empty and {@code kl-weight} > 0, a
     *     copy of {@code policy}'s starting weights, owned (and closed) by this trainer
     */
    public LrpoTrainer(ConditionalDenoiser policy, Optional<ConditionalDenoiser> reference, LrpoParts parts,
                       PairSource faces, Reward reward, Engine engine) {
        policy.setTrainable(parts.trainableSet());
        this.parts = parts;
        this.faces = faces;
        this.reward = reward;
        this.rollout = parts.rollout(policy);
        this.ownedReference = reference.isEmpty() ? parts.frozenReference(policy) : Optional.empty();
        this.gradients = new GradientPhase(parts.objective(policy, reference.or(() -> ownedReference), engine),
                new NetworkParameters(policy));
        this.state = new LrpoState(policy, parts, true);
    }

    /** Runs one round and returns its metrics. */
    public RoundReport runRound() {
        long r = state.completedRounds();
        long t0 = System.nanoTime();
        List<FaceGroup> groups = rollout.sample(faces, r, 0, parts.rl().facesPerRound());
        long t1 = System.nanoTime();
        RewardTable rewards = RewardTable.score(groups, reward);
        AdvantagePlan plan = AdvantagePlan.of(rewards, parts.rl().groupSize());
        long t2 = System.nanoTime();
        RoundTally tally = new RoundTally();
        for (int epoch = 0; epoch < parts.rl().innerEpochs(); epoch++) {
            for (List<CandidateRef> micro : plan.microBatches(parts.seed(), r, epoch, parts.rl().microBatches())) {
                List<TrainingSample> samples = AdvantagePlan.samples(micro, groups, 0, plan.table());
                for (OptimiserUpdate update : parts.updates()) {
                    tally.add(state.apply(List.of(gradients.compute(0, samples, update, micro.size(), r)), 1,
                            update, micro.size()));
                }
            }
        }
        long t3 = System.nanoTime();
        state.finishRound();
        return tally.report(r, rewards, plan, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    public long roundCount() {
        return state.completedRounds();
    }

    /** Continues from a checkpoint of this trainer: weights, AdamW state and round. */
    public void restore(CheckpointContents c) {
        state.restore(c, "checkpoint of round " + c.step());
    }

    /** Weights, optimiser state and round, to resume exactly. */
    public CheckpointContents checkpoint(String configText) {
        return state.checkpoint(configText, parts.seed(), faces.links());
    }

    @Override
    public void close() {
        ownedReference.ifPresent(ConditionalDenoiser::close);
    }
}

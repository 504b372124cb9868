package org.lrpo.jobs.train;

import ai.djl.Device;
import java.util.List;
import java.util.function.Supplier;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.PretrainSettings;
import org.lrpo.core.model.RestorationNet;
import org.lrpo.core.model.TrainableNetwork;
import org.lrpo.core.optim.ShardGradient;
import org.lrpo.core.train.Policies;
import org.lrpo.core.train.ShardObjective;
import org.lrpo.core.train.SupervisedObjective;
import org.lrpo.core.train.SupervisedState;
import org.lrpo.core.train.TrainingPair;

/**
 * The two supervised stages of METHOD section 7, in the order they train: what network each trains, with
 * which optimiser settings, and how an executor computes one shard's gradient. {@link SparkPretrainer}
 * distributes either.
 */
public enum SupervisedStage {
    /** Stage 1: the restoration module R, pixel loss on (LQ, HQ) pairs ({@code lrpo.restoration}). */
    RESTORATION("restoration", "stage1") {
        @Override
        public PretrainSettings optimiser(LrpoSettings s) {
            return s.restoration().optimiser();
        }

        @Override
        public TrainableNetwork create(LrpoSettings s, Device device) {
            return RestorationNet.create(s.restoration().network(), device, s.run().seed());
        }

        @Override
        ShardGradient<Double> shard(RunSpec spec, Supplier<VersionedWeights> initial, VersionedWeights weights,
                            List<TrainingPair> pairs, long step, int from, int partition) {
            try (ExecutorRestorationNet lease = ExecutorRestorationNet.acquire(spec, initial, weights)) {
                return SupervisedState.shardGradient(lease.parameters(), lease.objective(), pairs, step, from, partition);
            }
        }
    },
    /** Stage 2: the diffusion policy's noise-prediction loss given {@code R(lq)} ({@code lrpo.pretrain}). */
    DIFFUSION("diffusion", "pretrain") {
        @Override
        public PretrainSettings optimiser(LrpoSettings s) {
            return s.pretrain();
        }

        @Override
        public TrainableNetwork create(LrpoSettings s, Device device) {
            return Policies.create(s.model(), device, s.run().seed());
        }

        @Override
        ShardGradient<Double> shard(RunSpec spec, Supplier<VersionedWeights> initial, VersionedWeights weights,
                            List<TrainingPair> pairs, long step, int from, int partition) {
            try (ExecutorPolicy lease = ExecutorPolicy.acquire(spec, Policies.trainableSet(spec.settings().model()),
                    initial, weights)) {
                ShardObjective objective = SupervisedObjective.of(lease.policy(), lease.schedule(), lease.engine(),
                        lease.settings().run().seed(), lease.settings().pretrain());
                return SupervisedState.shardGradient(lease.parameters(), objective, pairs, step, from, partition);
            }
        }
    };

    private final String label;
    private final String folder;

    SupervisedStage(String label, String folder) {
        this.label = label;
        this.folder = folder;
    }

    /** The stage's name on the command line and in progress lines. */
    public String label() {
        return label;
    }

    /** The folder under {@code lrpo.output-dir} that holds the stage's checkpoints and metrics. */
    public String folder() {
        return folder;
    }

    /** The optimiser, schedule, batch and checkpoint settings of this stage. */
    public abstract PretrainSettings optimiser(LrpoSettings s);

    /** A freshly initialised network of this stage. */
    public abstract TrainableNetwork create(LrpoSettings s, Device device);

    /** On an executor: the summed loss and its gradient over {@code pairs}, samples {@code from, from + n}. */
    abstract ShardGradient<Double> shard(RunSpec spec, Supplier<VersionedWeights> initial, VersionedWeights weights,
                                 List<TrainingPair> pairs, long step, int from, int partition);
}

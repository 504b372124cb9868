package org.lrpo.jobs.restore;

import ai.djl.Device;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.lrpo.core.checkpoint.WeightsFingerprint;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Policies;
import org.lrpo.jobs.io.TrainedRun;
import org.lrpo.jobs.spark.ExecutorEngine;
import org.lrpo.jobs.train.Stage1Weights;

/**
 * The two trained stages a {@code restore} runs with, as executors receive them (one broadcast per job):
 * stage 1's frozen weights and the diffusion policy's, each with its {@link WeightsFingerprint}, which the
 * manifest records and resume compares.
 *
 * @param stage1 the restoration module's weights (EMA when trained with it)
 * @param policyFingerprint fingerprint of {@code policy}
 * @param policy every weight of the diffusion policy, in {@link NetworkParameters#allLayout()} order
 * @param policySource the checkpoint the policy came from, for messages and the manifest
 */
public record RestoreModels(Stage1Weights stage1, String policyFingerprint, float[] policy, String policySource)
        implements Serializable {

    /**
     * The newest stage 1 and policy of {@code run}, a run folder or one of its stage folders ({@link TrainedRun}).
     *
     * @throws org.lrpo.jobs.io.BadInputException when the run holds no such checkpoints, or the policy was
     *                           trained against another stage 1 (the message names both fingerprints)
     */
    public static RestoreModels load(Configuration hadoop, String run, LrpoSettings s) {
        ExecutorEngine.get(s.run());
        TrainedRun trained = TrainedRun.locate(hadoop, run);
        Stage1Weights stage1;
        try (FrozenRestoration r = trained.loadStage1(hadoop, s)) {
            stage1 = Stage1Weights.of(r);
        }
        try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
            String source = trained.loadPolicy(hadoop, policy, stage1.fingerprint());
            ParameterSet all = new NetworkParameters(policy).readAll();
            return new RestoreModels(stage1, WeightsFingerprint.of(all), all.flat(), source);
        }
    }
}

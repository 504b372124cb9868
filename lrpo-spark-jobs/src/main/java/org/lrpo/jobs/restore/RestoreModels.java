package org.lrpo.jobs.restore;

import ai.djl.Device;
import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.CheckpointFinder;
import org.lrpo.core.checkpoint.CheckpointReader;
import org.lrpo.core.checkpoint.CheckpointStore;
import org.lrpo.core.checkpoint.WeightsFingerprint;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.restoration.Stage1Checkpoints;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Policies;
import org.lrpo.jobs.cli.BadInputException;
import org.lrpo.jobs.io.HadoopCheckpointStore;
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
     * The newest stage-1 checkpoint of run folder {@code run} ({@code stage1/checkpoints}) and its newest
     * policy: LRPO's ({@code train/checkpoints}, live weights, as the demo evaluates it) if any, else
     * supervised pre-training's ({@code pretrain/checkpoints}, EMA weights when present).
     *
     * @throws BadInputException when the run holds no such checkpoints, or the policy was trained against
     *                           another stage 1 (the message names both fingerprints)
     */
    public static RestoreModels load(Configuration hadoop, String run, LrpoSettings s) {
        try {
            ExecutorEngine.get(s.run());
            CheckpointStore stage1Store = new HadoopCheckpointStore(run + "/stage1/checkpoints", hadoop);
            Stage1Weights stage1;
            try (FrozenRestoration r = Stage1Checkpoints.loadNewest(stage1Store, s.restoration(), Device.cpu(),
                    s.run().seed())) {
                stage1 = Stage1Weights.of(r);
            } catch (java.io.FileNotFoundException e) {
                throw new BadInputException("--checkpoint " + run + " holds no stage-1 checkpoint (stage1/checkpoints): "
                        + "give the lrpo.output-dir of a demo, pretrain or train run");
            }
            Optional<CheckpointStore> lrpo = newestOf(hadoop, run + "/train/checkpoints");
            CheckpointStore store = lrpo.or(() -> newestOf(hadoop, run + "/pretrain/checkpoints"))
                    .orElseThrow(() -> new BadInputException("--checkpoint " + run + " holds no diffusion policy "
                            + "checkpoint (train/checkpoints or pretrain/checkpoints)"));
            boolean preferEma = lrpo.isEmpty();
            try (ConditionalDenoiser policy = Policies.create(s.model(), Device.cpu(), s.run().seed())) {
                NetworkParameters parameters = new NetworkParameters(policy);
                String newest = new CheckpointFinder(store).newestComplete().orElseThrow();
                CheckpointContents c;
                try {
                    c = new CheckpointReader(store).load(newest, parameters.allLayout(), parameters.trainableLayout())
                            .contents();
                } catch (RuntimeException | IOException e) {
                    throw new BadInputException("cannot load the policy " + store.describe(newest) + " with this "
                            + "configuration's lrpo.model (use the configuration the run was trained with): "
                            + e.getMessage(), e);
                }
                Stage1Checkpoints.requireMatch(c.links(), store.describe(newest), stage1.fingerprint());
                parameters.writeAll(c.weights());
                if (preferEma && c.ema().isPresent()) {
                    parameters.writeTrainable(ParameterSet.wrap(parameters.trainableLayout(),
                            c.ema().get().state().shadow()));
                }
                ParameterSet all = parameters.readAll();
                return new RestoreModels(stage1, WeightsFingerprint.of(all), all.flat(), store.describe(newest));
            }
        } catch (org.lrpo.core.checkpoint.CheckpointMismatchException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException("cannot load the models of --checkpoint " + run + ": " + e.getMessage(), e);
        }
    }

    private static Optional<CheckpointStore> newestOf(Configuration hadoop, String dir) {
        try {
            CheckpointStore store = new HadoopCheckpointStore(dir, hadoop);
            return new CheckpointFinder(store).newestComplete().isPresent() ? Optional.of(store) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

package org.lrpo.jobs.io;

import ai.djl.Device;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.CheckpointFinder;
import org.lrpo.core.checkpoint.CheckpointReader;
import org.lrpo.core.checkpoint.CheckpointStore;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.TrainableSet;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.restoration.Stage1Checkpoints;
import org.lrpo.core.train.NetworkParameters;

/**
 * Where a trained two-stage model lives on any Hadoop file system, as the jobs that use one ({@code restore},
 * {@code report}, the demo's evaluation) are given it:
 * <ul>
 *   <li>a run folder (a run's {@code lrpo.output-dir}, holding {@code stage1/checkpoints}): the newest LRPO policy
 *       ({@code train/checkpoints}, live weights) if any, else the newest supervised one
 *       ({@code pretrain/checkpoints}, EMA weights when recorded);</li>
 *   <li>a stage folder of a run ({@code RUN/pretrain} or {@code RUN/train}): that stage's newest policy, with
 *       stage 1 from {@code RUN/stage1}.</li>
 * </ul>
 * Supervised weights are read as EMA because that is what pre-training leaves for use; LRPO's live weights
 * are the policy it optimised.
 *
 * @param path the path given
 * @param stage1Dir the stage-1 checkpoint folder
 * @param policyDir the policy checkpoint folder
 * @param preferEma whether the policy's EMA weights are used when its checkpoint has them
 */
public record TrainedRun(String path, String stage1Dir, String policyDir, boolean preferEma) {

    /**
     * Resolves {@code path}.
     *
     * @throws BadInputException when it is neither a run folder nor a stage folder with a complete checkpoint
     */
    public static TrainedRun locate(Configuration hadoop, String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (hasCheckpoint(hadoop, p + "/stage1/checkpoints")) {
            if (hasCheckpoint(hadoop, p + "/train/checkpoints")) {
                return new TrainedRun(path, p + "/stage1/checkpoints", p + "/train/checkpoints", false);
            }
            if (hasCheckpoint(hadoop, p + "/pretrain/checkpoints")) {
                return new TrainedRun(path, p + "/stage1/checkpoints", p + "/pretrain/checkpoints", true);
            }
            throw new BadInputException(path + " holds a stage-1 checkpoint but no diffusion policy checkpoint "
                    + "(train/checkpoints or pretrain/checkpoints)");
        }
        if ((name.equals("train") || name.equals("pretrain")) && hasCheckpoint(hadoop, p + "/checkpoints")) {
            String run = p.substring(0, Math.max(p.lastIndexOf('/'), 0));
            if (!hasCheckpoint(hadoop, run + "/stage1/checkpoints")) {
                throw new BadInputException(path + " holds a policy but its run " + run + " has no stage-1 "
                        + "checkpoint (stage1/checkpoints)");
            }
            return new TrainedRun(path, run + "/stage1/checkpoints", p + "/checkpoints", name.equals("pretrain"));
        }
        throw new BadInputException(path + " is not a trained run: give the lrpo.output-dir of a demo, pretrain or "
                + "train run (it holds stage1/checkpoints), or its pretrain or train folder");
    }

    /** The newest stage 1 of this run, frozen, on the CPU. */
    public FrozenRestoration loadStage1(Configuration hadoop, LrpoSettings s) {
        try {
            return Stage1Checkpoints.loadNewest(new HadoopCheckpointStore(stage1Dir, hadoop), s.restoration(),
                    Device.cpu(), s.run().seed());
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("cannot load stage 1 from " + stage1Dir + " with this configuration's "
                    + "lrpo.restoration (use the configuration the run was trained with): " + e.getMessage(), e);
        }
    }

    /**
     * The newest policy of this run into {@code policy}, which must have been trained against the stage 1 of
     * fingerprint {@code stage1}.
     *
     * @return the checkpoint's description, for messages and manifests
     * @throws BadInputException when it does not fit the network or was trained against another stage 1 (the
     *                           message names both fingerprints)
     */
    public String loadPolicy(Configuration hadoop, ConditionalDenoiser policy, String stage1) {
        try {
            CheckpointStore store = new HadoopCheckpointStore(policyDir, hadoop);
            String newest = new CheckpointFinder(store).newestComplete().orElseThrow(() ->
                    new BadInputException("no complete checkpoint in " + policyDir));
            // Which weights were trained (pre-training: model.train-base; LRPO: rl.train-base) shapes the
            // checkpoint's optimiser and EMA state, not the weights; any run's policy is usable for restoring.
            NetworkParameters parameters = null;
            CheckpointContents c = null;
            Exception first = null;
            TrainableSet asGiven = policy.trainable();
            for (TrainableSet set : List.of(asGiven, asGiven == TrainableSet.ALL ? TrainableSet.CONTROL_ONLY
                    : TrainableSet.ALL)) {
                policy.setTrainable(set);
                parameters = new NetworkParameters(policy);
                try {
                    c = new CheckpointReader(store).load(newest, parameters.allLayout(), parameters.trainableLayout())
                            .contents();
                    break;
                } catch (RuntimeException | IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (c == null) {
                policy.setTrainable(asGiven);
                throw new BadInputException("cannot load the policy " + store.describe(newest) + " with this "
                        + "configuration's lrpo.model (use the configuration the run was trained with): "
                        + first.getMessage(), first);
            }
            Stage1Checkpoints.requireMatch(c.links(), store.describe(newest), stage1);
            parameters.writeAll(c.weights());
            if (preferEma && c.ema().isPresent()) {
                parameters.writeTrainable(ParameterSet.wrap(parameters.trainableLayout(), c.ema().get().state().shadow()));
            }
            return store.describe(newest);
        } catch (org.lrpo.core.checkpoint.CheckpointMismatchException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + policyDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasCheckpoint(Configuration hadoop, String dir) {
        try {
            return new CheckpointFinder(new HadoopCheckpointStore(dir, hadoop)).newestComplete().isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}

package org.lrpo.core.restoration;

import ai.djl.Device;
import java.io.IOException;
import java.util.Map;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.CheckpointFinder;
import org.lrpo.core.checkpoint.CheckpointMismatchException;
import org.lrpo.core.checkpoint.CheckpointReader;
import org.lrpo.core.checkpoint.CheckpointStore;
import org.lrpo.core.checkpoint.WeightsFingerprint;
import org.lrpo.core.config.RestorationSettings;
import org.lrpo.core.model.RestorationNet;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.train.NetworkParameters;

/**
 * Loads the stage-1 restoration module from its checkpoints, and checks that a diffusion policy's
 * checkpoint was trained against the stage 1 it is about to be used with.
 */
public final class Stage1Checkpoints {
    private Stage1Checkpoints() {}

    /** The weights stage 1 runs with from a checkpoint: its EMA weights when it has them, else the live ones. */
    public static ParameterSet weightsToUse(CheckpointContents c) {
        return c.ema().map(e -> ParameterSet.wrap(c.weights().layout(), e.state().shadow())).orElse(c.weights());
    }

    /**
     * The newest complete checkpoint in {@code store}, frozen, as a {@link FrozenRestoration} whose
     * fingerprint is {@link WeightsFingerprint} of the weights it runs with.
     *
     * @throws java.io.FileNotFoundException when {@code store} holds no complete checkpoint
     */
    public static FrozenRestoration loadNewest(CheckpointStore store, RestorationSettings s, Device device, long seed)
            throws IOException {
        String newest = new CheckpointFinder(store).newestComplete().orElseThrow(() ->
                new java.io.FileNotFoundException("no stage-1 checkpoint in " + store.describe("")
                        + ": train the restoration module first (lrpo pretrain --stage restoration)"));
        RestorationNet net = RestorationNet.create(s.network(), device, seed);
        try {
            NetworkParameters parameters = new NetworkParameters(net);
            CheckpointContents c = new CheckpointReader(store)
                    .load(newest, parameters.allLayout(), parameters.trainableLayout()).contents();
            ParameterSet weights = weightsToUse(c);
            parameters.writeAll(weights);
            return new FrozenRestoration(net, s.tileSize(), WeightsFingerprint.of(weights));
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /** The links a diffusion checkpoint trained against {@code stage1} carries. */
    public static Map<String, String> linkTo(RestorationModule stage1) {
        return Map.of(CheckpointContents.STAGE1, stage1.fingerprint());
    }

    /**
     * Fails unless the diffusion checkpoint whose links are {@code recordedLinks} (described by {@code what})
     * was trained against the stage 1 of fingerprint {@code stage1}; the message names both fingerprints.
     */
    public static void requireMatch(Map<String, String> recordedLinks, String what, String stage1)
            throws CheckpointMismatchException {
        String recorded = recordedLinks.get(CheckpointContents.STAGE1);
        if (recorded == null) {
            throw new CheckpointMismatchException(what + " records no stage-1 restoration module (it predates the "
                    + "two-stage model or was trained without one); it cannot be used with stage 1 " + stage1);
        }
        if (!recorded.equals(stage1)) {
            throw new CheckpointMismatchException(what + " was trained against stage 1 " + recorded
                    + ", but the stage-1 restoration module loaded is " + stage1
                    + ": use the stage-1 checkpoint it was trained with, or train the diffusion model again");
        }
    }
}

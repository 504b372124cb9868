package org.lrpo.jobs.train;

import java.io.Serializable;
import org.lrpo.core.restoration.FrozenRestoration;
import org.lrpo.core.train.NetworkParameters;

/**
 * The frozen stage-1 restoration module as executors receive it (broadcast once per job, a few hundred
 * kB): its weights in the order of {@link NetworkParameters#allLayout()} and their fingerprint, which
 * keys the executor-side copy ({@link ExecutorStage1}). The network's shape comes from the run's
 * {@code lrpo.restoration} settings, which the executor reads from the same configuration.
 *
 * @param fingerprint {@link org.lrpo.core.checkpoint.WeightsFingerprint} of {@code values}
 * @param values every weight, flat
 */
public record Stage1Weights(String fingerprint, float[] values) implements Serializable {

    /** What the driver's loaded stage 1 ships. */
    public static Stage1Weights of(FrozenRestoration stage1) {
        return new Stage1Weights(stage1.fingerprint(), new NetworkParameters(stage1.network()).readAll().flat());
    }
}

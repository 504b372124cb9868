package org.lrpo.jobs.train;

import java.io.Serializable;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.restoration.ConditionedPairs;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.PairSource;

/** Builds a stage's {@link PairSource} inside an executor from the run's settings. */
@FunctionalInterface
public interface PairSourceFactory extends Serializable {
    PairSource create(LrpoSettings settings);

    /** What the pairs' conditions are made with (see {@link PairSource#links()}), known on the driver. */
    default Map<String, String> links() {
        return Map.of();
    }

    /**
     * {@code degraded}'s pairs conditioned on the stage-1 restoration {@code R(lq)} (METHOD 1), R rebuilt
     * once per executor JVM from the broadcast weights.
     */
    static PairSourceFactory conditioned(PairSourceFactory degraded, Broadcast<Stage1Weights> stage1) {
        String fingerprint = stage1.value().fingerprint();
        return new PairSourceFactory() {
            @Override
            public PairSource create(LrpoSettings s) {
                return new ConditionedPairs(degraded.create(s), ExecutorStage1.get(stage1.value(), s));
            }

            @Override
            public Map<String, String> links() {
                return Map.of(CheckpointContents.STAGE1, fingerprint);
            }
        };
    }

    /** The procedural face generator, as the single-JVM pipeline uses it, drawn for {@code stage}. */
    static PairSourceFactory generated(String stage) {
        return s -> new GeneratedPairs(s.run().seed(), s.data().generatedIdentities(), s.model().resolution(),
                s.degradation().preset(), new FaceSplit(s.data().heldOutFraction())).forStage(stage);
    }

    /** A face dataset's training faces (broadcast once), drawn for {@code stage}. */
    static PairSourceFactory dataset(Broadcast<DatasetFaces> faces, String stage) {
        return s -> new DatasetPairs(s.run().seed(), faces.value(), s.degradation().preset(), stage);
    }
}

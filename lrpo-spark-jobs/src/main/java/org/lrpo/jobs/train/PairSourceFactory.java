package org.lrpo.jobs.train;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.train.FaceSplit;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.PairSource;

/** Builds a stage's {@link PairSource} inside an executor from the run's settings. */
@FunctionalInterface
public interface PairSourceFactory extends Serializable {
    PairSource create(LrpoSettings settings);

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

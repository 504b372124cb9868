package org.lrpo.jobs.train;

import java.io.IOException;
import java.util.Optional;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.CheckpointFinder;
import org.lrpo.core.checkpoint.CheckpointReader;
import org.lrpo.core.checkpoint.CheckpointStore;
import org.lrpo.core.config.RunIdentity;
import org.lrpo.core.train.NetworkParameters;

/**
 * Where a Spark trainer resumes: the newest complete checkpoint in its folder, read against the
 * network's layouts and refused when it records another run (a changed seed, model or data).
 *
 * @param contents the checkpoint
 * @param description the checkpoint as error messages name it
 */
record ResumePoint(CheckpointContents contents, String description) {

    static Optional<ResumePoint> newest(CheckpointStore checkpoints, NetworkParameters layouts, RunSpec spec)
            throws IOException {
        Optional<String> newest = new CheckpointFinder(checkpoints).newestComplete();
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        String description = checkpoints.describe(newest.get());
        CheckpointContents c = new CheckpointReader(checkpoints)
                .load(newest.get(), layouts.allLayout(), layouts.trainableLayout()).contents();
        RunIdentity.requireSameRun(c.config(), spec.manifestText(), description);
        return Optional.of(new ResumePoint(c, "checkpoint " + description));
    }
}

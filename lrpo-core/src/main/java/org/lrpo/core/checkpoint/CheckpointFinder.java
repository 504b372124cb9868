package org.lrpo.core.checkpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds complete checkpoints in a store. A folder counts as complete when its name is
 * {@code step-%012d} (never a temporary {@code .tmp-...} folder) and its {@code manifest.json} parses
 * and lists files that all exist at their recorded sizes. Contents are not hashed here; the
 * {@link CheckpointReader} does that when loading.
 *
 * <p>A folder whose manifest is of another schema version counts as complete: resuming from it must
 * fail loudly in the reader ("schema version 2, this build reads version 1"), not fall back silently
 * to an older checkpoint.
 */
public final class CheckpointFinder {
    private final CheckpointStore store;
    private final CheckpointReader reader;

    public CheckpointFinder(CheckpointStore store) {
        this.store = store;
        this.reader = new CheckpointReader(store);
    }

    /** The name of the complete checkpoint with the highest step, if any. */
    public Optional<String> newestComplete() throws IOException {
        List<String> all = completeCheckpoints();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Names of all complete checkpoints, by ascending step. */
    public List<String> completeCheckpoints() throws IOException {
        List<String> names = new ArrayList<>();
        for (String name : store.list("")) {
            OptionalLong step = CheckpointNames.parseStep(name);
            if (step.isPresent() && isComplete(name, step.getAsLong())) {
                names.add(name);
            }
        }
        names.sort(Comparator.comparingLong(n -> CheckpointNames.parseStep(n).getAsLong()));
        return names;
    }

    /** Whether folder {@code name} is a complete checkpoint (a step name, a manifest, every file at its size). */
    boolean isComplete(String name) throws IOException {
        OptionalLong step = CheckpointNames.parseStep(name);
        return step.isPresent() && isComplete(name, step.getAsLong());
    }

    private boolean isComplete(String name, long step) throws IOException {
        CheckpointManifest manifest;
        try {
            manifest = reader.readManifest(name);
        } catch (CheckpointMismatchException e) {
            return true;
        } catch (CheckpointFormatException e) {
            return false;
        }
        if (manifest.step() != step) {
            return false;
        }
        for (CheckpointManifest.FileRecord f : manifest.files().values()) {
            String path = name + "/" + f.path();
            if (f.path().contains("/") || !store.exists(path) || store.size(path) != f.bytes()) {
                return false;
            }
        }
        return true;
    }
}

package org.lrpo.rewards.faces;

import java.nio.file.Path;

/** The face-api weights are not where {@link FaceModelFiles} looked; the message says how to get them. */
public final class FaceModelsNotFoundException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    FaceModelsNotFoundException(Path missing, Path root) {
        super("face-api " + FaceModelFiles.FACE_API_VERSION + " weights not found: " + missing + " is missing. "
                + "Fetch them (npm needed, about 13 MB, never committed) with: "
                + "LRPO_FACE_MODELS=" + root + " scripts/fetch-face-models.sh   (run from the repository root; "
                + "without LRPO_FACE_MODELS the script fills <repo>/.cache/face-api). Or point system property "
                + FaceModelFiles.PROPERTY + " / environment variable " + FaceModelFiles.ENV
                + " at a folder that already holds model/.");
    }
}

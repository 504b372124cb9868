package org.lrpo.rewards.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceModelFilesTest {
    @TempDir
    Path empty;

    @Test
    void missingWeightsNameTheCommandToRun() {
        FaceModelsNotFoundException e = assertThrows(FaceModelsNotFoundException.class,
                () -> FaceDescriptorNet.load(FaceModelFiles.at(empty)));
        String msg = e.getMessage();
        assertTrue(msg.contains("scripts/fetch-face-models.sh"), msg);
        assertTrue(msg.contains("LRPO_FACE_MODELS=" + empty), msg);
        assertTrue(msg.contains("face_recognition_model-weights_manifest.json"), msg);
    }

    @Test
    void theSystemPropertyWins() {
        String before = System.getProperty(FaceModelFiles.PROPERTY);
        try {
            System.setProperty(FaceModelFiles.PROPERTY, empty.toString());
            assertEquals(empty.toAbsolutePath().normalize(), FaceModelFiles.locate().root());
        } finally {
            if (before == null) {
                System.clearProperty(FaceModelFiles.PROPERTY);
            } else {
                System.setProperty(FaceModelFiles.PROPERTY, before);
            }
        }
    }
}

package org.lrpo.rewards.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.testing.BoundedProcess;

/**
 * The face-api weights come from the npm registry and are checked against the pinned integrity before they are
 * unpacked (issue 14, finding 14): a copy of the real script whose pin no longer matches the package must refuse
 * it and leave nothing behind. npm serves the tarball from its cache after the first fetch.
 */
class FetchFaceModelsScriptTest {

    @Test
    void aTarballThatDoesNotMatchThePinIsRefused(@TempDir Path dir) throws Exception {
        Path repo = Path.of(System.getProperty("lrpo.repo.root", "..")).toAbsolutePath().normalize();
        String script = Files.readString(repo.resolve("scripts/fetch-face-models.sh"));
        String pinned = script.lines().filter(l -> l.startsWith("INTEGRITY=")).findFirst().orElseThrow();
        // Same length and alphabet as a real sha512 integrity, different digest.
        String wrong = "INTEGRITY=\"sha512-" + "A".repeat(86) + "==\"";
        Path copy = Files.createDirectories(dir.resolve("scripts")).resolve("fetch-face-models.sh");
        Files.writeString(copy, script.replace(pinned, wrong));
        Path models = dir.resolve("models");
        ProcessBuilder pb = new ProcessBuilder("bash", copy.toString()).redirectErrorStream(true);
        pb.environment().put("LRPO_FACE_MODELS", models.toString());
        BoundedProcess.Result r = BoundedProcess.run(pb, null, Duration.ofMinutes(5));
        assertEquals(1, r.exitCode(), r.out());
        assertTrue(r.out().contains("is not the pinned") && r.out().contains("refusing it"), r.out());
        assertTrue(Files.notExists(models.resolve("model")), "nothing unpacked");
    }
}

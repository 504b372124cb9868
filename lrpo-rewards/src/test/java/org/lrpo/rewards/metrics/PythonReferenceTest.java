package org.lrpo.rewards.metrics;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The conformance tests must fail, not skip, when the Python references are absent. */
class PythonReferenceTest {
    @TempDir
    Path dir;

    @Test
    void aMissingInterpreterFailsWithTheInstallCommand() {
        PythonReference ref = new PythonReference(dir.resolve("no-such-python3")).astronaut(dir.resolve("a.png"));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> ref.run(dir));
        assertTrue(e.getMessage().contains("apt-get install python3-skimage python3-dtcwt"), e.getMessage());
    }
}

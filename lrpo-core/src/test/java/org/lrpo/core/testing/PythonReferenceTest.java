package org.lrpo.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference tests must fail, not skip, when the Python references are absent, and say what to install. */
class PythonReferenceTest {
    private static final Path SH = Path.of("/bin/sh");

    @TempDir
    Path dir;

    @Test
    void aMissingInterpreterFailsWithTheInstallCommand() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PythonReference.execute(
                dir.resolve("no-such-python3"), dir.resolve("any.py"), List.of(), null));
        assertTrue(e.getMessage().contains("no-such-python3 is missing")
                && e.getMessage().contains("apt-get install python3-numpy"), e.getMessage());
    }

    @Test
    void aScriptMissingAModuleFailsNamingItAndTheInstallCommand() throws Exception {
        Path script = Files.writeString(dir.resolve("missing.sh"),
                "echo 'MISSING python3-dtcwt (apt-get install python3-dtcwt)' >&2; exit 3\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PythonReference.execute(SH, script, List.of(), null));
        assertTrue(e.getMessage().contains("MISSING python3-dtcwt") && e.getMessage().contains(PythonReference.INSTALL),
                e.getMessage());
    }

    @Test
    void aFailingScriptFailsWithItsStderrAndASucceedingOneGivesItsStdout() throws Exception {
        Path failing = Files.writeString(dir.resolve("failing.sh"), "echo 'Traceback: boom' >&2; exit 1\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PythonReference.execute(SH, failing, List.of(), null));
        assertTrue(e.getMessage().contains("exit 1") && e.getMessage().contains("Traceback: boom"), e.getMessage());

        Path echo = Files.writeString(dir.resolve("echo.sh"), "cat; echo \" $1\"\n");
        assertEquals("in arg\n", PythonReference.execute(SH, echo, List.of("arg"), "in".getBytes()).out());
    }

    @Test
    void pythonNumbersIncludeInfinityAndNan() {
        assertEquals(Double.POSITIVE_INFINITY, PythonReference.number("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, PythonReference.number("-inf"));
        assertTrue(Double.isNaN(PythonReference.number("nan")));
        assertEquals(0.25, PythonReference.number("0.25"));
    }
}

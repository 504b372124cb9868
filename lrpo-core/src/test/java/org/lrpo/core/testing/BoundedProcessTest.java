package org.lrpo.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The time limit of a helper program holds even when it prints or reads a lot (issue 14, finding 14). */
class BoundedProcessTest {

    @Test
    void aHungProgramIsKilledAtTheLimit() {
        long t0 = System.nanoTime();
        // A child that keeps the output open and never ends: reading its output to the end would wait forever.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BoundedProcess.run(
                new ProcessBuilder("sh", "-c", "echo started; sleep 60 & sleep 60"), null, Duration.ofSeconds(2)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 20, "the limit held: " + seconds + " s");
        assertTrue(e.getMessage().contains("did not finish within 2 s") && e.getMessage().contains("started"),
                e.getMessage());
    }

    @Test
    void largeOutputAndInputDoNotDeadlock() throws Exception {
        // 4 MiB through stdin and back out: far beyond both pipe buffers.
        byte[] input = "x".repeat(4 << 20).getBytes(StandardCharsets.US_ASCII);
        BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder("cat"), input, Duration.ofSeconds(60));
        assertEquals(0, r.exitCode());
        assertEquals(input.length, r.stdout().length);
    }

    @Test
    void exitCodeAndErrorAreKept() throws Exception {
        BoundedProcess.Result r = BoundedProcess.run(new ProcessBuilder("sh", "-c", "echo oops >&2; exit 3"), null,
                Duration.ofSeconds(30));
        assertEquals(3, r.exitCode());
        assertEquals("oops\n", r.stderr());
    }
}

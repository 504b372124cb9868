package org.lrpo.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash at any point of a flush leaves a complete table for the resumed run (issue 14, finding 9). */
class MetricsTableTest {
    private static MetricsTable table(Path file) throws IOException {
        return new MetricsTable(file.toUri().toString(), "round", new Configuration());
    }

    private static MetricsTable flushed(Path file, int rounds) throws IOException {
        MetricsTable t = table(file);
        t.resumeAt(0);
        for (int r = 0; r < rounds; r++) {
            t.append(Map.of("round", r, "reward", 0.5 + r));
        }
        t.flush();
        return t;
    }

    @Test
    void aCrashBetweenDeleteAndRenameLosesNoRow(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        flushed(file, 3);
        // The state the crash leaves: the old file deleted, the complete new table under the temporary name.
        Files.move(file, dir.resolve(".metrics.jsonl.tmp"));
        MetricsTable resumed = table(file);
        resumed.resumeAt(3);
        assertEquals(3, resumed.rows().size(), resumed.rows().toString());
    }

    @Test
    void aCrashWhileWritingTheTemporaryKeepsTheOldTable(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        flushed(file, 2);
        Files.writeString(dir.resolve(".metrics.jsonl.tmp"), "{\"round\":0}\n{\"rou");
        MetricsTable resumed = table(file);
        resumed.resumeAt(5);
        assertEquals(List.of("{\"reward\":0.5,\"round\":0}", "{\"reward\":1.5,\"round\":1}").size(),
                resumed.rows().size(), resumed.rows().toString());
        resumed.flush();
        assertEquals(2, Files.readAllLines(file).size());
    }
}

package org.lrpo.jobs.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes records as JSON lines to {@code <dir>/<table>.jsonl}, one table per kind of metric. A table
 * is started afresh by the first record of this run, so a re-run does not mix its rows with old ones.
 */
public final class MetricsLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final java.util.Set<String> started = new java.util.HashSet<>();

    public MetricsLog(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public void append(String table, Object record) {
        try {
            StandardOpenOption mode = started.add(table) ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND;
            Files.writeString(dir.resolve(table + ".jsonl"), JSON.writeValueAsString(record) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to metrics table " + table + " in " + dir, e);
        }
    }
}

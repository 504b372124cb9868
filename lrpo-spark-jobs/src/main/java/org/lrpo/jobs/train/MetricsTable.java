package org.lrpo.jobs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A JSON-lines metrics table on any Hadoop file system, one row per step or round, written beside the
 * checkpoints. Rows are kept in memory and the file is rewritten (temporary name, then rename) at each
 * {@link #flush}, which the jobs call with every checkpoint: the table on disk always matches the newest
 * checkpoint, so a resumed run drops the rows after it and ends with the same history as an
 * uninterrupted run. (S3 has no append; the tables are a few hundred kB at most.)
 */
public final class MetricsTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FileSystem fs;
    private final Path file;
    private final String indexField;
    private final List<String> rows = new ArrayList<>();

    /**
     * @param fileUri the table's file
     * @param indexField the field numbering rows ("step" or "round"), used to cut the table on resume
     */
    public MetricsTable(String fileUri, String indexField, Configuration conf) throws IOException {
        this.file = new Path(fileUri);
        this.fs = file.getFileSystem(conf);
        this.indexField = indexField;
    }

    /**
     * Starts from the rows already in the file whose index is below {@code resumeAt} (none when absent). When a
     * crash fell between {@link #flush}'s delete and rename, the file is gone but its complete replacement is
     * there under the temporary name: that is read instead.
     */
    public void resumeAt(long resumeAt) throws IOException {
        rows.clear();
        Path source = fs.exists(file) ? file : fs.exists(temporary()) ? temporary() : null;
        if (source == null) {
            return;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(source), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                if (!row.has(indexField)) {
                    throw new IOException(source + ": a row has no '" + indexField + "' field: " + line);
                }
                if (row.get(indexField).asLong() < resumeAt) {
                    rows.add(line);
                }
            }
        }
    }

    private Path temporary() {
        return new Path(file.getParent(), "." + file.getName() + ".tmp");
    }

    public void append(Object row) {
        try {
            rows.add(JSON.writeValueAsString(row));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode metrics row " + row, e);
        }
    }

    public List<String> rows() {
        return List.copyOf(rows);
    }

    /**
     * Writes every row to the file, replacing it: the whole table goes to a temporary file first, which is closed
     * before the old file is deleted, so at every moment one of the two holds a complete table
     * ({@link #resumeAt} reads the temporary one when the file is missing).
     */
    public void flush() throws IOException {
        Path tmp = temporary();
        try (OutputStream out = fs.create(tmp, true)) {
            for (String r : rows) {
                out.write((r + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (fs.exists(file)) {
            fs.delete(file, false);
        }
        if (!fs.rename(tmp, file)) {
            throw new IOException("could not rename " + tmp + " to " + file);
        }
    }
}

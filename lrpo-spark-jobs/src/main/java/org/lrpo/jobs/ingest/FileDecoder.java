package org.lrpo.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Executor side of a file ingest: for each listed file path, read its bytes through the Hadoop file system
 * and turn them into a face row or a reject row ({@link DecodedRows}). Reading here rather than through
 * {@code binaryFile}'s {@code content} column lets an unreadable or oversized file become a reject instead of
 * failing the task (and, after retries, the job), and sees zero-byte files, which Spark's file scan skips.
 */
final class FileDecoder implements MapPartitionsFunction<Row, Row> {
    private final IngestSettings settings;
    private final Broadcast<SerializableConfiguration> hadoop;

    FileDecoder(IngestSettings settings, Broadcast<SerializableConfiguration> hadoop) {
        this.settings = settings;
        this.hadoop = hadoop;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> files) {
        FaceImport faces = new FaceImport(settings);
        Map<String, FileSystem> open = new HashMap<>();
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> closeAll(open));
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public Row next() {
                Row file = files.next();
                String path = file.getString(0);
                try {
                    byte[] bytes = read(open, path);
                    return DecodedRows.face(faces.fromFile(bytes, path), path);
                } catch (RejectedInputException e) {
                    return DecodedRows.reject(path, e.reason(), e.getMessage());
                }
            }
        };
    }

    private byte[] read(Map<String, FileSystem> open, String path) throws RejectedInputException {
        Path p = new Path(path);
        try {
            FileSystem fs = open.get(fsKey(p));
            if (fs == null) {
                // A private instance, closed with the task: the cached one may be closed by others.
                fs = FileSystem.newInstance(p.toUri(), hadoop.value().value());
                open.put(fsKey(p), fs);
            }
            long length = fs.getFileStatus(p).getLen();
            if (length > settings.maxFileBytes()) {
                throw tooLarge(path, length);
            }
            try (InputStream in = fs.open(p)) {
                // One byte beyond the limit tells a file that grew since listing from one that fits.
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxFileBytes() + 1));
                if (bytes.length > settings.maxFileBytes()) {
                    throw tooLarge(path, bytes.length);
                }
                return bytes;
            }
        } catch (IOException | RuntimeException e) {
            // Includes a file deleted between listing and reading (FileNotFoundException).
            throw new RejectedInputException(RejectReason.UNREADABLE, "cannot read '" + path + "': " + e, e);
        }
    }

    private RejectedInputException tooLarge(String path, long length) {
        return new RejectedInputException(RejectReason.TOO_LARGE, "'" + path + "' has " + length
                + " bytes or more, more than lrpo.ingest.max-file-bytes = " + settings.maxFileBytes());
    }

    private static String fsKey(Path p) {
        return p.toUri().getScheme() + "://" + p.toUri().getAuthority();
    }

    private static void closeAll(Map<String, FileSystem> open) {
        for (FileSystem fs : open.values()) {
            try {
                fs.close();
            } catch (IOException ignored) {
                // Closing releases connections; the task's result is already complete.
            }
        }
        open.clear();
    }
}

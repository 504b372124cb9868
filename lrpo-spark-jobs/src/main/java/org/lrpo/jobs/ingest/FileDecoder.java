package org.lrpo.jobs.ingest;

import java.util.Iterator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;
import org.lrpo.jobs.io.LakeFileReader;
import org.lrpo.jobs.io.LakePaths;

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
        LakeFileReader reader = new LakeFileReader(hadoop.value().value(), settings.maxFileBytes(),
                "lrpo.ingest.max-file-bytes");
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> reader.close());
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public Row next() {
                Path file = LakePaths.fromListing(files.next().getString(0));
                String path = LakePaths.readable(file);
                try {
                    return DecodedRows.face(faces.fromFile(read(reader, file), path), path);
                } catch (RejectedInputException e) {
                    return DecodedRows.reject(path, e.reason(), e.getMessage());
                }
            }
        };
    }

    private static byte[] read(LakeFileReader reader, Path file) throws RejectedInputException {
        try {
            return reader.read(file);
        } catch (LakeFileReader.ReadFailure e) {
            throw new RejectedInputException(e.tooLarge() ? RejectReason.TOO_LARGE : RejectReason.UNREADABLE,
                    e.getMessage(), e);
        }
    }
}

package org.lrpo.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing a dataset is two renames; a crash between them (or after them, before the marker) must not lose the
 * previous dataset, even when the next run fails too (issue 14, finding 7). Real files on the local file system.
 */
class DatasetOutputTest {
    private static final Configuration HADOOP = new Configuration();

    private static Path dataset(Path dir, String content) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("part-00000.parquet"), content);
        Files.writeString(dir.resolve(FaceDataset.SUCCESS_MARKER), "");
        return dir;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCrashBetweenTheRenamesLeavesTheOldDatasetForTheNextRun(@TempDir Path root) throws IOException {
        // The state a crash after "output -> old copy" leaves: no output, the old copy, the staged new one.
        dataset(root.resolve(".faces.ingest-old-1234"), "previous");
        Files.createDirectories(root.resolve(".faces.ingest-5678")).resolve("part-00000.parquet").toFile()
                .createNewFile();
        DatasetOutput.prepare(HADOOP, root.resolve("faces").toString(), false);
        // Whatever the new run does next (even fail), the previous dataset is back and readable.
        assertEquals("previous", Files.readString(root.resolve("faces/part-00000.parquet")));
        assertTrue(Files.exists(root.resolve("faces").resolve(FaceDataset.SUCCESS_MARKER)));
        assertEquals(List.of("faces"), names(root), "the old copy moved back, the half-staged run deleted");
    }

    @Test
    void aCrashBeforeTheMarkerPrefersTheCompleteOldDataset(@TempDir Path root) throws IOException {
        dataset(root.resolve(".faces.ingest-old-1234"), "previous");
        Files.createDirectories(root.resolve("faces"));
        Files.writeString(root.resolve("faces/part-00000.parquet"), "new, never marked complete");
        DatasetOutput.prepare(HADOOP, root.resolve("faces").toString(), false);
        assertEquals("previous", Files.readString(root.resolve("faces/part-00000.parquet")));
        assertEquals(List.of("faces"), names(root));
    }

    @Test
    void aCommitReplacesTheDatasetAndDeletesTheOldCopyLast(@TempDir Path root) throws IOException {
        dataset(root.resolve("faces"), "previous");
        DatasetOutput out = DatasetOutput.prepare(HADOOP, root.resolve("faces").toString(), false);
        assertTrue(out.replacing());
        dataset(Path.of(java.net.URI.create(out.stagingFaces())), "new");
        out.commit();
        assertEquals("new", Files.readString(root.resolve("faces/part-00000.parquet")));
        assertTrue(Files.exists(root.resolve("faces").resolve(FaceDataset.SUCCESS_MARKER)));
        assertEquals(List.of("faces"), names(root));
    }
}

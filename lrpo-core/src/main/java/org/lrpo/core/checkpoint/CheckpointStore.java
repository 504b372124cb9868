package org.lrpo.core.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The few file operations checkpoints need, on paths relative to a root folder ({@code /}-separated,
 * no {@code ..}). {@link LocalCheckpointStore} implements it on the local disk; a Hadoop
 * {@code FileSystem} store (HDFS, S3A) belongs in {@code lrpo-spark-jobs}, so that no Hadoop or Spark
 * type appears here.
 *
 * <p>What a checkpoint relies on: a directory renamed with {@link #renameDirectory} appears at its new
 * name whole or not at all (true for a local file system and HDFS). Where rename is not atomic (S3),
 * completeness still holds, because a checkpoint counts as complete only when its
 * {@code manifest.json}, written last, lists files that are all present with their recorded sizes.
 */
public interface CheckpointStore {
    /** Creates a new file for writing, creating parent folders; fails if it exists. Closing makes it durable. */
    OutputStream create(String path) throws IOException;

    /** Opens an existing file; {@link java.nio.file.NoSuchFileException} if missing. */
    InputStream open(String path) throws IOException;

    boolean exists(String path) throws IOException;

    /** Size in bytes of an existing file. */
    long size(String path) throws IOException;

    /** Names (not paths) of the entries directly inside folder {@code dir} ({@code ""} is the root); empty if absent. */
    List<String> list(String dir) throws IOException;

    /** Renames folder {@code from} to {@code to}; fails if {@code to} exists. */
    void renameDirectory(String from, String to) throws IOException;

    /** Deletes a file or a folder with everything in it; nothing if absent. */
    void deleteRecursively(String path) throws IOException;

    /** A full description of {@code path} (absolute path or URI) for messages. */
    String describe(String path);
}

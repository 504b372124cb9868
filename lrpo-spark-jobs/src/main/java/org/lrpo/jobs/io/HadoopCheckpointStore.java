package org.lrpo.jobs.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.lrpo.core.checkpoint.CheckpointStore;

/**
 * Checkpoints on any Hadoop file system ({@code file://}, {@code hdfs://}, {@code s3a://}).
 *
 * <p>HDFS renames a folder atomically. S3A copies and deletes, so a reader may see a half-renamed
 * checkpoint: that is safe because a checkpoint only counts as complete when its manifest (written
 * last) lists files that are all present at their recorded sizes (see {@link CheckpointStore}).
 */
public final class HadoopCheckpointStore implements CheckpointStore {
    private final FileSystem fs;
    private final Path root;

    public HadoopCheckpointStore(String rootUri, Configuration conf) throws IOException {
        this.root = new Path(rootUri);
        this.fs = root.getFileSystem(conf);
    }

    private Path resolve(String path) {
        if (path.isEmpty()) {
            return root;
        }
        for (String part : path.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw new IllegalArgumentException("checkpoint path '" + path + "' must not contain . or ..");
            }
        }
        return new Path(root, path);
    }

    @Override
    public OutputStream create(String path) throws IOException {
        return fs.create(resolve(path), false);
    }

    @Override
    public InputStream open(String path) throws IOException {
        Path p = resolve(path);
        if (!fs.exists(p)) {
            throw new NoSuchFileException(p.toString());
        }
        return fs.open(p);
    }

    @Override
    public boolean exists(String path) throws IOException {
        return fs.exists(resolve(path));
    }

    @Override
    public long size(String path) throws IOException {
        return fs.getFileStatus(resolve(path)).getLen();
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path p = resolve(dir);
        List<String> names = new ArrayList<>();
        if (!fs.exists(p)) {
            return names;
        }
        for (FileStatus s : fs.listStatus(p)) {
            names.add(s.getPath().getName());
        }
        names.sort(null);
        return names;
    }

    @Override
    public void renameDirectory(String from, String to) throws IOException {
        Path src = resolve(from);
        Path dst = resolve(to);
        if (!fs.exists(src)) {
            throw new NoSuchFileException(src.toString(), null, "no such folder to rename");
        }
        // FileSystem.rename moves the source *into* an existing folder: refuse instead.
        if (fs.exists(dst)) {
            throw new FileAlreadyExistsException(dst.toString(), null, "checkpoint already exists");
        }
        if (!fs.rename(src, dst)) {
            throw new IOException("could not rename " + src + " to " + dst);
        }
    }

    @Override
    public void deleteRecursively(String path) throws IOException {
        Path p = resolve(path);
        if (fs.exists(p)) {
            fs.delete(p, true);
        }
    }

    @Override
    public String describe(String path) {
        return fs.makeQualified(resolve(path)).toString();
    }
}

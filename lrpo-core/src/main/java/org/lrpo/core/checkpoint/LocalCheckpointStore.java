package org.lrpo.core.checkpoint;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link CheckpointStore} on a local folder. Files are forced to disk when closed and a renamed
 * folder's parent is forced after the rename, so that a checkpoint that is visible has also survived
 * a power cut; the rename is {@link StandardCopyOption#ATOMIC_MOVE}.
 */
public final class LocalCheckpointStore implements CheckpointStore {
    private final Path root;

    public LocalCheckpointStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    Path resolve(String path) {
        if (path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("checkpoint paths are relative and '/'-separated, got " + path);
        }
        for (String part : path.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw new IllegalArgumentException("checkpoint path must not contain '" + part + "': " + path);
            }
        }
        return path.isEmpty() ? root : root.resolve(path);
    }

    @Override
    public OutputStream create(String path) throws IOException {
        Path p = resolve(path);
        Files.createDirectories(p.getParent());
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FilterOutputStream(Channels.newOutputStream(ch)) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                try (ch) {
                    out.flush();
                    ch.force(true);
                }
            }
        };
    }

    @Override
    public InputStream open(String path) throws IOException {
        return Files.newInputStream(resolve(path));
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(resolve(path));
    }

    @Override
    public long size(String path) throws IOException {
        return Files.size(resolve(path));
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path p = resolve(dir);
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(p)) {
            return names;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
            for (Path child : ds) {
                names.add(child.getFileName().toString());
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public void renameDirectory(String from, String to) throws IOException {
        Path src = resolve(from);
        Path dst = resolve(to);
        if (!Files.isDirectory(src)) {
            throw new NoSuchFileException(src.toString(), null, "no such folder to rename");
        }
        if (Files.exists(dst)) {
            throw new FileAlreadyExistsException(dst.toString(), null, "checkpoint already exists");
        }
        Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(dst.getParent());
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a folder as a channel; the rename itself has happened.
        }
    }

    @Override
    public void deleteRecursively(String path) throws IOException {
        Path p = resolve(path);
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    @Override
    public String describe(String path) {
        return resolve(path).toString();
    }
}

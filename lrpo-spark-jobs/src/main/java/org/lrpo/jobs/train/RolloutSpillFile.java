package org.lrpo.jobs.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.lrpo.core.lrpo.FaceGroup;

/**
 * One partition's cached {@link FaceGroup}s in a local file: a magic number and format version, the group
 * count, the groups ({@link FaceGroupCodec}) and a CRC32C of everything before it. Reading checks all of
 * it, so a truncated, damaged or foreign file is an {@link IOException}, never different groups.
 */
final class RolloutSpillFile {
    private static final int MAGIC = 0x4C52_5043; // "LRPC"
    private static final int VERSION = 1;
    private static final int BUFFER = 1 << 16;

    private RolloutSpillFile() {}

    /**
     * Writes {@code groups} to a temporary file beside {@code path} and renames it to {@code path}, so the
     * file under that name is always complete. Not forced to the disk: a spill file lives no longer than
     * the JVM that wrote it.
     *
     * @return the file's size in bytes
     */
    static long write(Path path, List<FaceGroup> groups) throws IOException {
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            CRC32C crc = new CRC32C();
            createPrivateFile(temporary);
            try (DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(temporary), BUFFER), crc))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(groups.size());
                FaceGroupCodec codec = FaceGroupCodec.forWriting();
                for (FaceGroup g : groups) {
                    codec.write(out, g);
                }
                out.writeInt((int) crc.getValue());
            }
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return Files.size(path);
    }

    /** Creates {@code dir} (and parents) readable by this user only where the file system has POSIX modes. */
    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** An empty file only this user can read or write: trajectories hold the faces being trained on. */
    private static void createPrivateFile(Path file) throws IOException {
        if (posix(file.getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private static boolean posix(Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static List<FaceGroup> read(Path path) throws IOException {
        long size = Files.size(path);
        CRC32C crc = new CRC32C();
        // The checksum sits above the buffer so it covers exactly the bytes parsed, not those read ahead.
        try (DataInputStream in = new DataInputStream(new CheckedInputStream(
                new BufferedInputStream(Files.newInputStream(path), BUFFER), crc))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(path + " is not a rollout spill file of format version " + VERSION);
            }
            int count = in.readInt();
            if (count < 0 || count > size) {
                throw new IOException(path + ": corrupt group count " + count);
            }
            FaceGroupCodec codec = FaceGroupCodec.forReading(size);
            List<FaceGroup> groups = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                groups.add(codec.read(in));
            }
            int expected = (int) crc.getValue();
            if (in.readInt() != expected || in.read() != -1) {
                throw new IOException(path + ": checksum mismatch or trailing bytes");
            }
            return groups;
        } catch (IllegalArgumentException | ArithmeticException e) {
            // Damage can trip the core's size checks before the checksum is reached: still a damaged file.
            throw new IOException(path + " holds inconsistent rollouts: " + e.getMessage(), e);
        }
    }
}

package org.lrpo.jobs.train;

import java.io.ByteArrayInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.lrpo.core.lrpo.FaceGroup;

/**
 * One partition's cached {@link FaceGroup}s in a local file, laid out so that a task reads only the groups it
 * needs: a header (magic number, format version, group count), the groups ({@link FaceGroupCodec}) one after
 * another, then an index (offset, length and CRC32C of each group), the index's position and the magic number
 * again. Every group read is checked against its CRC and the index against the file's size, so a truncated,
 * damaged or foreign file is an {@link IOException}, never different groups.
 */
final class RolloutSpillFile {
    private static final int MAGIC = 0x4C52_5043; // "LRPC"
    private static final int VERSION = 2;
    private static final int BUFFER = 1 << 16;
    private static final int HEADER_BYTES = 12;
    private static final int INDEX_ENTRY_BYTES = 16;
    private static final int TRAILER_BYTES = 12;

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
            createPrivateFile(temporary);
            long[] offsets = new long[groups.size()];
            int[] lengths = new int[groups.size()];
            int[] crcs = new int[groups.size()];
            // Offsets are the channel's position after a flush: DataOutputStream's own count is an int.
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                         Channels.newOutputStream(channel), BUFFER))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(groups.size());
                FaceGroupCodec codec = FaceGroupCodec.forWriting();
                for (int i = 0; i < groups.size(); i++) {
                    out.flush();
                    offsets[i] = channel.position();
                    CRC32C crc = new CRC32C();
                    DataOutputStream group = new DataOutputStream(new CheckedOutputStream(out, crc));
                    codec.write(group, groups.get(i));
                    group.flush();
                    lengths[i] = Math.toIntExact(channel.position() - offsets[i]);
                    crcs[i] = (int) crc.getValue();
                }
                out.flush();
                long index = channel.position();
                for (int i = 0; i < groups.size(); i++) {
                    out.writeLong(offsets[i]);
                    out.writeInt(lengths[i]);
                    out.writeInt(crcs[i]);
                }
                out.writeLong(index);
                out.writeInt(MAGIC);
            }
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return Files.size(path);
    }

    /** Every group of the file. */
    static List<FaceGroup> read(Path path) throws IOException {
        return read(path, null);
    }

    /**
     * The groups at {@code wanted} (positions in the partition; null: all), at their positions of a list as long
     * as the partition; the others are null and are not read.
     */
    static List<FaceGroup> read(Path path, Set<Integer> wanted) throws IOException {
        try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = file.size();
            if (size < HEADER_BYTES + TRAILER_BYTES) {
                throw new IOException(path + " is too short to be a rollout spill file");
            }
            DataInputStream header = new DataInputStream(new ByteArrayInputStream(bytes(file, 0, HEADER_BYTES)));
            if (header.readInt() != MAGIC || header.readInt() != VERSION) {
                throw new IOException(path + " is not a rollout spill file of format version " + VERSION);
            }
            int count = header.readInt();
            DataInputStream trailer = new DataInputStream(new ByteArrayInputStream(
                    bytes(file, size - TRAILER_BYTES, TRAILER_BYTES)));
            long index = trailer.readLong();
            if (trailer.readInt() != MAGIC || count < 0
                    || index != size - TRAILER_BYTES - (long) count * INDEX_ENTRY_BYTES || index < HEADER_BYTES) {
                throw new IOException(path + ": damaged index (count " + count + ", index at " + index + ", size "
                        + size + ")");
            }
            DataInputStream entries = new DataInputStream(new ByteArrayInputStream(
                    bytes(file, index, count * INDEX_ENTRY_BYTES)));
            List<FaceGroup> groups = new ArrayList<>(java.util.Collections.nCopies(count, null));
            for (int i = 0; i < count; i++) {
                long offset = entries.readLong();
                int length = entries.readInt();
                int crc = entries.readInt();
                if (offset < HEADER_BYTES || length <= 0 || offset + length > index) {
                    throw new IOException(path + ": damaged index entry " + i);
                }
                if (wanted != null && !wanted.contains(i)) {
                    continue;
                }
                byte[] data = bytes(file, offset, length);
                CRC32C check = new CRC32C();
                check.update(data);
                if ((int) check.getValue() != crc) {
                    throw new IOException(path + ": group " + i + " fails its checksum");
                }
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
                groups.set(i, FaceGroupCodec.forReading(length).read(in));
                if (in.read() != -1) {
                    throw new IOException(path + ": group " + i + " has trailing bytes");
                }
            }
            return groups;
        } catch (IllegalArgumentException | ArithmeticException | java.io.EOFException e) {
            // Damage can trip the core's size checks before a checksum is reached: still a damaged file.
            throw new IOException(path + " holds inconsistent rollouts: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(FileChannel file, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (file.read(b, at + b.position()) < 0) {
                throw new IOException("unexpected end of the spill file at " + (at + b.position()));
            }
        }
        return b.array();
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
}

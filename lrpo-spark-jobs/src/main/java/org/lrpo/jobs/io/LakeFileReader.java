package org.lrpo.jobs.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads whole files of a lake on an executor, at most {@code maxBytes} each, with one private
 * {@link FileSystem} per scheme and authority, closed with the task (the cached instances may be closed by
 * other code in the same JVM).
 */
public final class LakeFileReader implements Closeable {
    /** Why a file could not be read: too large, or unreadable (missing, permissions, I/O). */
    public static final class ReadFailure extends Exception {
        private final boolean tooLarge;

        ReadFailure(String message, boolean tooLarge, Throwable cause) {
            super(message, cause);
            this.tooLarge = tooLarge;
        }

        public boolean tooLarge() {
            return tooLarge;
        }
    }

    private final Configuration hadoop;
    private final long maxBytes;
    private final String limitKey;
    private final Map<String, FileSystem> open = new HashMap<>();

    /** @param limitKey the configuration key of {@code maxBytes}, for messages */
    public LakeFileReader(Configuration hadoop, long maxBytes, String limitKey) {
        this.hadoop = hadoop;
        this.limitKey = limitKey;
        this.maxBytes = Math.min(maxBytes, Integer.MAX_VALUE - 9L);
    }

    /** The whole file; a file larger than the limit is not read beyond it. */
    public byte[] read(Path p) throws ReadFailure {
        String name = LakePaths.readable(p);
        try {
            FileSystem fs = fileSystem(p);
            long length = fs.getFileStatus(p).getLen();
            if (length > maxBytes) {
                throw tooLarge(name, length);
            }
            try (InputStream in = fs.open(p)) {
                // One byte beyond the limit tells a file that grew since listing from one that fits.
                byte[] bytes = in.readNBytes((int) (maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw tooLarge(name, bytes.length);
                }
                return bytes;
            }
        } catch (IOException | RuntimeException e) {
            // Includes a file deleted between listing and reading (FileNotFoundException).
            throw new ReadFailure("cannot read '" + name + "': " + e, false, e);
        }
    }

    /** This reader's file system for {@code p}'s scheme and authority. */
    public FileSystem fileSystem(Path p) throws IOException {
        String key = p.toUri().getScheme() + "://" + p.toUri().getAuthority();
        FileSystem fs = open.get(key);
        if (fs == null) {
            fs = FileSystem.newInstance(p.toUri(), hadoop);
            open.put(key, fs);
        }
        return fs;
    }

    private ReadFailure tooLarge(String name, long length) {
        return new ReadFailure("'" + name + "' has " + length + " bytes or more, more than " + limitKey + " = "
                + maxBytes, true, null);
    }

    @Override
    public void close() {
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

package org.lrpo.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.lrpo.jobs.io.BadInputException;

/**
 * Where a dataset is written, so that a reader never sees a half-written or mixed dataset and a re-run
 * replaces the old one instead of adding to it.
 *
 * <p>Spark writes everything into a hidden staging folder beside the output ({@code .NAME.ingest-UUID}).
 * {@link #commit} then removes the staging {@code _SUCCESS}, moves an existing dataset aside
 * ({@code .NAME.ingest-old-UUID}), renames the staging folder to the output, writes {@code _SUCCESS} last and only
 * then deletes the old dataset. A crash before the final marker leaves no {@code _SUCCESS}, which
 * {@link FaceDataset#read} refuses; the next run first puts a complete old dataset back where the output has
 * none (so a crash between the two renames loses nothing, even if that run fails too), then deletes the other
 * leftovers of the interrupted run. On object stores (s3a) the renames
 * are copies, so the commit costs a copy of the dataset; the marker still comes last. Two ingests into the
 * same output at once are not supported.
 */
final class DatasetOutput {
    private static final String OLD = "old-";
    private final FileSystem fs;
    private final Path output;
    private final Path staging;
    private final boolean replacing;

    private DatasetOutput(FileSystem fs, Path output, Path staging, boolean replacing) {
        this.fs = fs;
        this.output = output;
        this.staging = staging;
        this.replacing = replacing;
    }

    /**
     * Checks the output location before any Spark work.
     *
     * @throws BadInputException if the output exists and is not a face dataset (unless {@code overwrite}), or
     *                           is a file system root
     */
    static DatasetOutput prepare(Configuration hadoop, String output, boolean overwrite) {
        try {
            Path out = new Path(output);
            FileSystem fs = out.getFileSystem(hadoop);
            out = fs.makeQualified(out);
            if (out.getParent() == null) {
                throw new BadInputException("output " + output + " is a file system root; give a folder below it");
            }
            restoreOldCopy(fs, out);
            boolean exists = fs.exists(out);
            if (exists && !overwrite && !(fs.getFileStatus(out).isDirectory()
                    && fs.exists(new Path(out, FaceDataset.SUCCESS_MARKER)))) {
                throw new BadInputException("output " + output + " exists and is not a face dataset (no "
                        + FaceDataset.SUCCESS_MARKER + " marker); choose another path or pass --overwrite to replace it");
            }
            deleteLeftovers(fs, out);
            Path staging = new Path(out.getParent(), prefix(out) + UUID.randomUUID());
            return new DatasetOutput(fs, out, staging, exists);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("cannot use output " + output + ": " + e.getMessage(), e);
        }
    }

    /** The folder Spark writes the faces into. */
    String stagingFaces() {
        return staging.toString();
    }

    /** The folder Spark writes the rejects into. */
    String stagingRejects() {
        return new Path(staging, FaceDataset.REJECTS_DIR).toString();
    }

    String output() {
        return output.toString();
    }

    /** True if a previous dataset (or, with --overwrite, anything) at the output is being replaced. */
    boolean replacing() {
        return replacing;
    }

    /** Publishes the staged dataset at the output, replacing what was there. */
    void commit() {
        try {
            fs.delete(new Path(staging, FaceDataset.SUCCESS_MARKER), false);
            Path old = null;
            if (fs.exists(output)) {
                old = new Path(output.getParent(), prefix(output) + OLD + UUID.randomUUID());
                rename(output, old);
            }
            rename(staging, output);
            fs.create(new Path(output, FaceDataset.SUCCESS_MARKER), false).close();
            if (old != null) {
                fs.delete(old, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the dataset at " + output + " (staged in " + staging + ")", e);
        }
    }

    /** Deletes the staging folder after a failed run. */
    void abort() {
        try {
            fs.delete(staging, true);
        } catch (IOException e) {
            // Best effort: the next run deletes leftovers too.
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("rename " + from + " -> " + to + " failed");
        }
    }

    private static String prefix(Path out) {
        return "." + out.getName() + ".ingest-";
    }

    /**
     * A crash between {@link #commit}'s two renames leaves the previous dataset under its old-copy name and no
     * complete dataset at the output: put it back.
     */
    private static void restoreOldCopy(FileSystem fs, Path out) throws IOException {
        if (!fs.exists(out.getParent()) || complete(fs, out)) {
            return;
        }
        for (FileStatus s : fs.listStatus(out.getParent())) {
            if (s.getPath().getName().startsWith(prefix(out) + OLD) && complete(fs, s.getPath())) {
                if (fs.exists(out)) {
                    // The staged dataset renamed into place without its marker: incomplete, and superseded.
                    fs.delete(out, true);
                }
                if (!fs.rename(s.getPath(), out)) {
                    throw new IOException("cannot put the previous dataset " + s.getPath() + " back at " + out);
                }
                return;
            }
        }
    }

    private static boolean complete(FileSystem fs, Path dataset) throws IOException {
        return fs.exists(new Path(dataset, FaceDataset.SUCCESS_MARKER));
    }

    private static void deleteLeftovers(FileSystem fs, Path out) throws IOException {
        if (!fs.exists(out.getParent())) {
            return;
        }
        for (FileStatus s : fs.listStatus(out.getParent())) {
            if (s.getPath().getName().startsWith(prefix(out))) {
                fs.delete(s.getPath(), true);
            }
        }
    }
}

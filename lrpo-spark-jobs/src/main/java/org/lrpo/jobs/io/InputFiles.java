package org.lrpo.jobs.io;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobPattern;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.lrpo.jobs.cli.BadInputException;

/**
 * Driver-side checks of a job's {@code --input} and {@code --output} before any Spark work: the path or glob
 * exists and at least one file under it (recursively) is one Spark's {@code binaryFile} listing will return,
 * i.e. its name matches the job's file pattern and does not start with {@code _} or {@code .} (Spark skips
 * those); the output does not lie inside the input.
 */
public final class InputFiles {
    private InputFiles() {}

    /**
     * @param patternKey the configuration key of {@code filePattern}, for the message
     * @throws BadInputException naming the input when it is missing, unreadable or holds no matching file
     */
    public static void requireSomeFile(Configuration hadoop, String input, String filePattern, String patternKey) {
        GlobPattern pattern = new GlobPattern(filePattern);
        try {
            Path path = new Path(input);
            FileSystem fs = path.getFileSystem(hadoop);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new BadInputException("input " + input + (hasGlob(input) ? " matches no path" : " does not exist"));
            }
            for (FileStatus m : matches) {
                if (m.isFile() ? accepted(m.getPath(), pattern) : anyAccepted(fs, m.getPath(), pattern)) {
                    return;
                }
            }
            throw new BadInputException("input " + input + " holds no files to read: none is named like "
                    + patternKey + " = \"" + filePattern + "\" (names starting with _ or . are skipped)");
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("cannot list input " + input + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws BadInputException if {@code output} is {@code input} or lies below it: the job's own files
     *                           would be read back as inputs by the next run
     */
    public static void requireOutputOutsideInput(Configuration hadoop, String input, String output) {
        try {
            Path in = new Path(input);
            Path out = new Path(output);
            String inQ = in.getFileSystem(hadoop).makeQualified(in).toString();
            String outQ = out.getFileSystem(hadoop).makeQualified(out).toString();
            String inDir = inQ.endsWith("/") ? inQ : inQ + "/";
            if (!hasGlob(input) && (outQ.equals(inQ) || outQ.startsWith(inDir))) {
                throw new BadInputException("output " + output + " is inside input " + input
                        + ": a later run would read this job's own files as inputs; write it elsewhere");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("cannot compare input " + input + " and output " + output + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean anyAccepted(FileSystem fs, Path dir, GlobPattern pattern) throws IOException {
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
        while (files.hasNext()) {
            if (accepted(files.next().getPath(), pattern)) {
                return true;
            }
        }
        return false;
    }

    private static boolean accepted(Path file, GlobPattern pattern) {
        String name = file.getName();
        return !name.startsWith("_") && !name.startsWith(".") && pattern.matches(name);
    }

    /** Whether {@code path} holds a glob character. */
    public static boolean hasGlob(String path) {
        return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
}

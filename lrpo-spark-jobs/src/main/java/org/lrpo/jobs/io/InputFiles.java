package org.lrpo.jobs.io;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobPattern;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

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
     * Refuses an output that overlaps the input either way: an output inside the input (a later run would read the
     * job's own files) or an input inside the output (replacing the output would delete the input). A glob input is
     * compared by its folder part, the path up to its first glob character.
     */
    public static void requireOutputOutsideInput(Configuration hadoop, String input, String output) {
        try {
            Path in = new Path(input);
            while (hasGlob(in.toString()) && in.getParent() != null) {
                in = in.getParent();
            }
            Path out = new Path(output);
            String inQ = in.getFileSystem(hadoop).makeQualified(in).toString();
            String outQ = out.getFileSystem(hadoop).makeQualified(out).toString();
            if (within(outQ, inQ)) {
                throw new BadInputException("output " + output + " is inside input " + input
                        + ": a later run would read this job's own files as inputs; write it elsewhere");
            }
            if (within(inQ, outQ)) {
                throw new BadInputException("input " + input + " is inside output " + output
                        + ": replacing the output would delete the input; write it elsewhere");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("cannot compare input " + input + " and output " + output + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether qualified path {@code p} is {@code folder} or below it. */
    private static boolean within(String p, String folder) {
        String dir = folder.endsWith("/") ? folder : folder + "/";
        return p.equals(folder) || p.startsWith(dir);
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

package org.lrpo.jobs.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.lrpo.jobs.io.BadInputException;

/**
 * A report's output folder on any Hadoop file system: {@code report.html}, Parquet tables and their single-file
 * CSV copies. A folder is only written into when it is new, empty, or holds an earlier report (marked), so a
 * report never overwrites another job's files; what an earlier report wrote is replaced.
 */
final class ReportOutput {
    static final String MARKER = "_lrpo_report";
    static final String HTML = "report.html";

    private final FileSystem fs;
    private final Path root;

    private ReportOutput(FileSystem fs, Path root) {
        this.fs = fs;
        this.root = root;
    }

    /**
     * Creates (or reuses) the folder and proves it writable, before any Spark work.
     *
     * @throws BadInputException when it is a file, holds other files, or cannot be written
     */
    static ReportOutput prepare(Configuration hadoop, String output) {
        try {
            Path out = new Path(output);
            FileSystem fs = out.getFileSystem(hadoop);
            Path root = fs.makeQualified(out);
            Path marker = new Path(root, MARKER);
            if (fs.exists(root)) {
                if (!fs.getFileStatus(root).isDirectory()) {
                    throw new BadInputException("--output " + output + " is a file, not a folder");
                }
                if (!fs.exists(marker) && fs.listStatus(root).length > 0) {
                    throw new BadInputException("--output " + output + " is not empty and holds no earlier report: "
                            + "choose an empty or new folder (a report replaces only an earlier report's files)");
                }
            }
            fs.mkdirs(root);
            try (OutputStream o = fs.create(marker, true)) {
                o.write("written by lrpo report\n".getBytes(StandardCharsets.UTF_8));
            }
            return new ReportOutput(fs, root);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("cannot write --output " + output + ": " + e.getMessage(), e);
        }
    }

    /** The fully qualified path of {@code name} in the folder. */
    String path(String name) {
        return new Path(root, name).toString();
    }

    /** Writes {@code table} as Parquet folder {@code name}, replacing an earlier one. */
    void parquet(Dataset<Row> table, String name) {
        table.write().mode(SaveMode.Overwrite).parquet(path(name));
    }

    /**
     * Writes {@code table} as one CSV file {@code name} with a header (Spark's CSV writer, one task, then the part
     * file renamed): tools that read no Parquet, and the notebooks, read these.
     */
    void csv(Dataset<Row> table, String name) throws IOException {
        Path tmp = new Path(root, "." + name + ".parts");
        table.coalesce(1).write().mode(SaveMode.Overwrite).option("header", true).csv(tmp.toString());
        FileStatus[] parts = fs.globStatus(new Path(tmp, "part-*"));
        if (parts == null || parts.length != 1) {
            throw new IOException("expected one CSV part file in " + tmp + ", found "
                    + (parts == null ? 0 : parts.length));
        }
        Path target = new Path(root, name);
        fs.delete(target, false);
        if (!fs.rename(parts[0].getPath(), target)) {
            throw new IOException("cannot rename " + parts[0].getPath() + " to " + target);
        }
        fs.delete(tmp, true);
    }

    /** Writes a binary file (a picture), replacing an earlier one. */
    void bytes(String name, byte[] content) throws IOException {
        try (OutputStream o = fs.create(new Path(root, name), true)) {
            o.write(content);
        }
    }

    /** Writes a text file (the page, a Markdown summary), replacing an earlier one. */
    void text(String name, String content) throws IOException {
        try (OutputStream o = fs.create(new Path(root, name), true)) {
            o.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}

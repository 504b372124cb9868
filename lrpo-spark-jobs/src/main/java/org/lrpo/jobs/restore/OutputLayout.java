package org.lrpo.jobs.restore;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a restore writes: each output mirrors its input's path relative to the input root (a table row's id
 * stands in for the path), in the output format. Files are written under a hidden temporary name beside the
 * final one and renamed when complete, so a reader never sees half an image and a killed task leaves nothing
 * under a real name; {@link #TEMP_MARK} lets the driver sweep what killed tasks left.
 *
 * @param inputRoot the input folder (or a glob's folder part), fully qualified, unescaped path
 * @param outputRoot the output folder, fully qualified
 * @param format the configured output format
 */
public record OutputLayout(String inputRoot, String outputRoot, RestoreSettings.OutputFormat format) implements Serializable {
    static final String TEMP_MARK = ".lrpo-tmp-";
    public static final String MANIFEST = "_manifest";
    public static final String QUARANTINE = "_quarantine";
    /** The restored images as a table ({@code restore.output = table}). */
    public static final String RESTORED = "restored";
    /** Marks a folder as a restore's output, so a re-run may write into it and other folders are refused. */
    static final String MARKER = "_lrpo_restore";

    /** The output path of a file at {@code input} (qualified), and the format it is encoded in. */
    Target forFile(Path input) {
        String path = input.toUri().getPath();
        String root = new Path(inputRoot).toUri().getPath();
        String relative = path.startsWith(root + "/") ? path.substring(root.length() + 1) : input.getName();
        return target(relative);
    }

    /** The output path of a table row named {@code id}, whose bytes start with {@code head}. */
    Target forTableRow(String id, byte[] head) {
        String safe = id.replaceAll("[^A-Za-z0-9._=-]", "_");
        boolean jpeg = head.length > 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8;
        return target(safe + (jpeg ? ".jpg" : ".png"));
    }

    private Target target(String relative) {
        String lower = relative.toLowerCase(Locale.ROOT);
        boolean png = lower.endsWith(".png");
        boolean jpeg = lower.endsWith(".jpg") || lower.endsWith(".jpeg");
        RestoreSettings.OutputFormat encoding = switch (format) {
            case SAME -> jpeg ? RestoreSettings.OutputFormat.JPEG : RestoreSettings.OutputFormat.PNG;
            default -> format;
        };
        boolean keepName = encoding == RestoreSettings.OutputFormat.PNG ? png : jpeg;
        // Another extension is appended, not swapped: a.gif and a.png must not land on one output.
        String name = keepName ? relative : relative + (encoding == RestoreSettings.OutputFormat.PNG ? ".png" : ".jpg");
        return new Target(new Path(new Path(outputRoot), name), encoding);
    }

    /** {@code target}'s path relative to the output folder: an output's name in the restored table. */
    String relativeName(Target target) {
        String root = new Path(outputRoot).toUri().getPath();
        String path = target.path().toUri().getPath();
        return path.startsWith(root + "/") ? path.substring(root.length() + 1) : target.path().getName();
    }

    /** Where one output goes and how it is encoded. */
    record Target(Path path, RestoreSettings.OutputFormat encoding) {}

    /** Writes {@code bytes} to {@code target} through a temporary name unique to the task attempt. */
    static void write(FileSystem fs, Path target, byte[] bytes, long attempt) throws IOException {
        Path temp = new Path(target.getParent(), "." + target.getName() + TEMP_MARK + attempt);
        try (OutputStream out = fs.create(temp, true)) {
            out.write(bytes);
        }
        // A retried or speculative attempt may have finished first: its bytes are the same.
        if (fs.exists(target) && !fs.delete(target, false)) {
            throw new IOException("cannot replace " + target);
        }
        if (!fs.rename(temp, target)) {
            fs.delete(temp, false);
            if (!fs.exists(target)) {
                throw new IOException("cannot rename " + temp + " to " + target);
            }
        }
    }
}

package org.lrpo.core.checkpoint;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folder names of checkpoints: {@code step-000000000120} when complete, and
 * {@code .tmp-step-000000000120-<pid>-<nanos>} while being written. The zero padding makes the names
 * sort by step; the leading dot keeps temporary folders out of {@link #parseStep}.
 */
public final class CheckpointNames {
    private static final Pattern COMPLETE = Pattern.compile("step-(\\d{12})");

    private CheckpointNames() {}

    public static String name(long step) {
        if (step < 0 || step > 999_999_999_999L) {
            throw new IllegalArgumentException("checkpoint step must be in [0, 10^12), got " + step);
        }
        return String.format("step-%012d", step);
    }

    /** A fresh temporary name for writing the checkpoint of {@code step}; unique per process and call. */
    static String temporaryName(long step) {
        return ".tmp-" + name(step) + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    /** Whether {@code folderName} is a temporary folder of a checkpoint being written (or left by a crash). */
    static boolean isTemporary(String folderName) {
        return folderName.startsWith(".tmp-step-");
    }

    /** The step of a complete checkpoint folder name, or empty for anything else (temporary folders included). */
    public static OptionalLong parseStep(String folderName) {
        Matcher m = COMPLETE.matcher(folderName);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}

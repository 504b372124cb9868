package org.lrpo.jobs.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This JVM process's peak resident memory (heap, off-heap tensors and libtorch alike), as Linux reports it. */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** VmHWM in bytes, or -1 where /proc is not available (not Linux). */
    public static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024L;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

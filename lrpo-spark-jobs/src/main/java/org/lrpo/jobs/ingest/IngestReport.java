package org.lrpo.jobs.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an ingest did.
 *
 * @param output     the dataset path
 * @param inputs     files listed (or faces generated)
 * @param ingested   rows in the dataset
 * @param duplicates decoded faces dropped because an earlier source (by path order) had the same id
 * @param rejected   rejected inputs per reason (reasons with none are absent)
 * @param seconds    wall time of the Spark work
 */
public record IngestReport(String output, long inputs, long ingested, long duplicates,
                           Map<RejectReason, Long> rejected, double seconds) {

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Inputs handled per second of wall time. */
    public double inputsPerSecond() {
        return seconds > 0 ? inputs / seconds : Double.NaN;
    }

    /** The summary printed at the end of the job. */
    public String summary() {
        String reasons = rejected.isEmpty() ? "none" : rejected.entrySet().stream()
                .map(e -> e.getKey().name() + "=" + e.getValue()).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "ingest: %d inputs in %.1f s (%.1f inputs/s)%n"
                        + "  ingested:   %d faces -> %s%n"
                        + "  duplicates: %d removed%n"
                        + "  rejected:   %d (%s) -> %s/%s",
                inputs, seconds, inputsPerSecond(), ingested, output, duplicates, rejectedTotal(), reasons,
                output, FaceDataset.REJECTS_DIR);
    }
}

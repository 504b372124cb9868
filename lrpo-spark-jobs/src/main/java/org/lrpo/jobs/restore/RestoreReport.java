package org.lrpo.jobs.restore;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a restore did. Every input is accounted for: {@code inputs = restored + noFace + skipped + quarantined}.
 *
 * @param output the output folder
 * @param inputs inputs listed (files) or read (table rows)
 * @param restored inputs restored with at least one face found
 * @param noFace inputs in which no face was found
 * @param skipped inputs an earlier run restored with the same models
 * @param quarantined inputs that could not be processed, by reason
 * @param faces faces pasted back
 * @param seconds wall time of the run
 */
public record RestoreReport(String output, long inputs, long restored, long noFace, long skipped,
                            Map<String, Long> quarantined, long faces, double seconds) {
    public RestoreReport {
        quarantined = Map.copyOf(new TreeMap<>(quarantined));
    }

    public long quarantinedTotal() {
        return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }

    public String summary() {
        return String.format("restore: %d inputs -> %d restored, %d without a face, %d already done, %d quarantined%s;"
                        + " %d faces pasted in %.1f s (%.2f inputs/s); outputs, _manifest and _quarantine in %s",
                inputs, restored, noFace, skipped, quarantinedTotal(), quarantined.isEmpty() ? "" : " " + quarantined,
                faces, seconds, seconds > 0 ? (restored + noFace) / seconds : 0.0, output);
    }
}

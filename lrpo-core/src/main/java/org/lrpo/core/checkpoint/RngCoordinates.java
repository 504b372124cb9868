package org.lrpo.core.checkpoint;

/**
 * Where a resumed run picks up its random streams: every draw of the project comes from
 * {@code Seeds.stream(runSeed, domain, coordinates...)}, and the coordinates that advance over a
 * run are the round (LRPO iteration; the pre-training epoch or 0) and the step. Storing the run seed
 * and the round is enough to regenerate the next round's draws exactly.
 */
public record RngCoordinates(long runSeed, long round) {
    public RngCoordinates {
        if (round < 0) {
            throw new IllegalArgumentException("round must be >= 0, got " + round);
        }
    }
}

package org.lrpo.jobs.local;

import org.lrpo.core.config.SettingsReader;

/**
 * Section {@code lrpo.experiment} of {@code lrpo experiment} (the claims experiment), plus the bootstrap of its
 * intervals, which is the report's ({@code lrpo.report.bootstrap}).
 *
 * @param heldOutFaces held-out faces each evaluation scores
 * @param samples restorations per face, averaged per face
 * @param evalEvery held-out evaluation every this many rounds, and after the last
 * @param resamples bootstrap resamples behind every interval
 * @param confidence level of the intervals
 */
public record ExperimentSettings(int heldOutFaces, int samples, int evalEvery, int resamples, double confidence) {

    /** Reads the section; problems are collected in {@code r}. */
    public static ExperimentSettings read(SettingsReader r) {
        return new ExperimentSettings(
                r.intIn("lrpo.experiment.held-out-faces", 1, 100_000),
                r.intIn("lrpo.experiment.samples", 1, 64),
                r.intIn("lrpo.experiment.eval-every", 1, 10_000_000),
                r.intIn("lrpo.report.bootstrap.resamples", 100, 100_000),
                r.doubleIn("lrpo.report.bootstrap.confidence", 0.5, 0.999));
    }

    /** The rounds evaluated in a run of {@code rounds} rounds: every {@code evalEvery}-th and the last. */
    public java.util.List<Integer> evaluatedRounds(int rounds) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int i = evalEvery; i < rounds; i += evalEvery) {
            out.add(i);
        }
        out.add(rounds);
        return out;
    }
}

package org.lrpo.jobs.report;

import java.io.Serializable;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.rewards.metrics.ChannelSpace;
import org.lrpo.rewards.metrics.FidelityProtocol;

/**
 * What the {@code report} job needs from the configuration ({@code lrpo.report.*}), as plain values executors
 * receive with the task.
 *
 * @param partitions       tasks of the evaluation stage (0 = Spark's default parallelism)
 * @param maxFaces         held-out faces evaluated, the first by id (0 = all)
 * @param samples          restorations per face of each diffusion checkpoint
 * @param degradationRound the degradation round every face is degraded with
 * @param fidelity         how PSNR, SSIM and MS-SSIM prepare a pair (channels, border)
 * @param resamples        bootstrap resamples behind every interval
 * @param confidence       level of the intervals
 * @param gridFaces        faces of each grid (best, worst, random) per model
 * @param gridMetric       the metric that orders the grids
 * @param thumbnailPx      longest side of a grid thumbnail
 */
public record ReportSettings(int partitions, int maxFaces, int samples, long degradationRound,
                             FidelityProtocol fidelity, int resamples, double confidence, int gridFaces,
                             String gridMetric, int thumbnailPx) implements Serializable {

    /** Reads {@code lrpo.report.*}; problems go into {@code r} with the others. */
    public static ReportSettings read(SettingsReader r) {
        ChannelSpace space = r.oneOf("lrpo.report.fidelity-space", ChannelSpace.class);
        int border = r.intIn("lrpo.report.crop-border", 0, 64);
        return new ReportSettings(
                r.intIn("lrpo.report.partitions", 0, 100_000),
                r.intIn("lrpo.report.max-faces", 0, 10_000_000),
                r.intIn("lrpo.report.samples", 1, 64),
                r.longValue("lrpo.report.degradation-round"),
                new FidelityProtocol(space, Math.max(border, 0), false),
                r.intIn("lrpo.report.bootstrap.resamples", 100, 100_000),
                r.doubleIn("lrpo.report.bootstrap.confidence", 0.5, 0.999),
                r.intIn("lrpo.report.grid-faces", 0, 32),
                r.nonEmptyString("lrpo.report.grid-metric"),
                r.intIn("lrpo.report.thumbnail-px", 16, 512));
    }

    /** The same settings with the first {@code n} held-out faces (the demo's {@code --eval-faces}). */
    public ReportSettings withMaxFaces(int n) {
        return new ReportSettings(partitions, n, samples, degradationRound, fidelity, resamples, confidence, gridFaces,
                gridMetric, thumbnailPx);
    }

    /** The same settings with {@code samples} restorations per face (the command line's {@code --samples}). */
    public ReportSettings withSamples(int n) {
        return new ReportSettings(partitions, maxFaces, n, degradationRound, fidelity, resamples, confidence, gridFaces,
                gridMetric, thumbnailPx);
    }
}

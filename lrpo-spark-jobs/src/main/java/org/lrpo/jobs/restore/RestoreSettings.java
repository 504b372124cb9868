package org.lrpo.jobs.restore;

import java.io.Serializable;
import java.util.List;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.jobs.train.FaultInjection;

/**
 * What the {@code restore} job needs from the configuration ({@code lrpo.restore.*}), as plain values
 * executors receive with the task. The sampler's restoration settings (eta, strength, samples) and the
 * networks' shapes come from the run's {@link LrpoSettings}.
 *
 * @param partitions      tasks per wave ({@code partitions})
 * @param waveFiles       inputs per Spark job; the manifest is committed after each, so a killed driver loses at most one
 * @param filePattern     glob on file names, Spark's {@code pathGlobFilter}
 * @param maxFileBytes    larger files are quarantined unread
 * @param maxImagePixels  decoder pixel limit ({@code lrpo.max-image-pixels})
 * @param minFacePx       faces whose detected box is narrower are left as they are
 * @param maxFaceUpscale  faces whose aligned crop covers more than this many model resolutions are left as they are
 * @param feather         width of the blend at a pasted face's edge, as a share of the aligned crop's side
 * @param output          restored images as files mirroring the input's paths, or as rows of a Parquet table
 * @param format          output format: {@code same}, {@code png} or {@code jpeg}
 * @param jpegQuality     JPEG quality of JPEG outputs
 * @param stage1Background the rest of each photo goes through stage 1 (tiled); off keeps it bit for bit
 * @param upscale         the photo is enlarged by this factor (1, 2 or 4) before restoration
 * @param detectorInputSize face detector input side (a multiple of 32)
 * @param detectorThreshold face detector score threshold
 * @param detectorFrame   border around a photo while detecting, as a share of its longer side
 * @param tableIdColumn   id column of a Parquet table input
 * @param tableBytesColumn image-bytes column of a Parquet table input
 * @param overlapIo       a helper thread per task reads and decodes the next input and encodes and writes the
 *                        previous output while the models work on this one ({@link OverlappedStages})
 * @param faults          test-only: tasks that fail after writing their first output, on their first attempt
 */
public record RestoreSettings(int partitions, int waveFiles, String filePattern, long maxFileBytes, long maxImagePixels,
                              int minFacePx, double maxFaceUpscale, double feather, Output output, OutputFormat format,
                              int jpegQuality, boolean stage1Background, int upscale, int detectorInputSize,
                              double detectorThreshold, double detectorFrame, String tableIdColumn, String tableBytesColumn,
                              boolean overlapIo, FaultInjection faults)
        implements Serializable {

    /** Where restored images go. */
    public enum Output { FILES, TABLE }

    /** The output image format. */
    public enum OutputFormat { SAME, PNG, JPEG }

    /** Reads {@code lrpo.restore.*}; problems go into {@code r} with the others. */
    public static RestoreSettings read(SettingsReader r, LrpoSettings lrpo) {
        RestoreSettings s = new RestoreSettings(
                r.intIn("lrpo.restore.partitions", 1, 100_000),
                r.intIn("lrpo.restore.wave-files", 1, 100_000_000),
                r.nonEmptyString("lrpo.restore.file-pattern"),
                r.intIn("lrpo.restore.max-file-bytes", 1, Integer.MAX_VALUE - 9),
                lrpo.run().maxImagePixels(),
                r.intIn("lrpo.restore.min-face-px", 1, 100_000),
                r.doubleIn("lrpo.restore.max-face-upscale", 1.0, 1000.0),
                r.doubleIn("lrpo.restore.feather", 0.0, 0.5),
                r.oneOf("lrpo.restore.output", Output.class),
                r.oneOf("lrpo.restore.format", OutputFormat.class),
                r.intIn("lrpo.restore.jpeg-quality", 1, 100),
                r.bool("lrpo.restore.stage1-background"),
                r.intIn("lrpo.restore.upscale", 1, 4),
                r.intIn("lrpo.restore.detector.input-size", 32, 4096),
                r.doubleIn("lrpo.restore.detector.score-threshold", 0.01, 0.99),
                r.doubleIn("lrpo.restore.detector.frame", 0.0, 1.0),
                r.nonEmptyString("lrpo.restore.table.id-column"),
                r.nonEmptyString("lrpo.restore.table.bytes-column"),
                r.bool("lrpo.restore.overlap-io"),
                new FaultInjection(r.doubleIn("lrpo.restore.faults.task-failure-rate", 0.0, 0.5), false));
        r.require(List.of(1, 2, 4).contains(s.upscale), "lrpo.restore.upscale = " + s.upscale + " must be 1, 2 or 4");
        r.require(s.detectorInputSize % 32 == 0, "lrpo.restore.detector.input-size = " + s.detectorInputSize
                + " must be a multiple of 32");
        r.require(s.maxImagePixels <= ImageCodec.MAX_PIXELS_LIMIT, "lrpo.max-image-pixels = " + s.maxImagePixels
                + " is more than an image in memory can hold (" + ImageCodec.MAX_PIXELS_LIMIT + " pixels)");
        return s;
    }
}

package org.lrpo.jobs.ingest;

import java.io.Serializable;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.core.image.ImageCodec;

/**
 * What the ingest job needs from the configuration, as plain values that executors receive with the task.
 *
 * @param partitions         Parquet files (and decode tasks) of the dataset ({@code lrpo.ingest.partitions})
 * @param variantsPerIdentity generated faces per identity with {@code --generate} ({@code lrpo.ingest.variants-per-identity})
 * @param filePattern        glob on file names, Spark's {@code pathGlobFilter} ({@code lrpo.ingest.file-pattern})
 * @param maxFileBytes       larger files are rejected unread ({@code lrpo.ingest.max-file-bytes})
 * @param upscaleSmall       faces smaller than the resolution are enlarged (true) or rejected ({@code lrpo.ingest.upscale-small})
 * @param resolution         side of the stored square image ({@code lrpo.model.resolution})
 * @param maxImagePixels     decoder pixel limit ({@code lrpo.max-image-pixels})
 * @param heldOutFraction    share of ids in the held-out split ({@code lrpo.data.held-out-fraction})
 * @param seed               run seed, for generated faces ({@code lrpo.seed})
 */
public record IngestSettings(int partitions, int variantsPerIdentity, String filePattern, long maxFileBytes,
                             boolean upscaleSmall, int resolution, long maxImagePixels, double heldOutFraction,
                             long seed) implements Serializable {

    /** Reads {@code lrpo.ingest.*}; problems go into {@code r} with the others. */
    public static IngestSettings read(SettingsReader r, LrpoSettings lrpo) {
        IngestSettings s = new IngestSettings(
                r.intIn("lrpo.ingest.partitions", 1, 100_000),
                r.intIn("lrpo.ingest.variants-per-identity", 1, 10_000),
                r.nonEmptyString("lrpo.ingest.file-pattern"),
                r.intIn("lrpo.ingest.max-file-bytes", 1, Integer.MAX_VALUE - 8),
                r.bool("lrpo.ingest.upscale-small"),
                lrpo.model().resolution(),
                lrpo.run().maxImagePixels(),
                lrpo.data().heldOutFraction(),
                lrpo.run().seed());
        r.require(s.maxImagePixels <= ImageCodec.MAX_PIXELS_LIMIT, "lrpo.max-image-pixels = " + s.maxImagePixels
                + " is more than an image in memory can hold (" + ImageCodec.MAX_PIXELS_LIMIT + " pixels)");
        return s;
    }
}

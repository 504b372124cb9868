package org.lrpo.jobs.ingest;

import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.Crops;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.ImageDecodeException;
import org.lrpo.core.image.Resizer;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.train.FaceSplit;

/**
 * Turns one image file (or one generated face) into an {@link ImportedFace}: decode with the configured pixel
 * limit, crop the centred square of side {@code min(width, height)}, resize it to the resolution with
 * {@link Resizer}'s antialiased bicubic filter (PIL's and torchvision's usual choice for face datasets),
 * encode as PNG, and assign the split from the id. No Spark types: executors build one per partition.
 */
public final class FaceImport {
    private static final float[] WHITE = {1f, 1f, 1f};

    private final ImageCodec codec;
    private final FaceSplit split;
    private final int resolution;
    private final boolean upscaleSmall;

    public FaceImport(IngestSettings settings) {
        this.codec = new ImageCodec(settings.maxImagePixels(), WHITE);
        this.split = new FaceSplit(settings.heldOutFraction());
        this.resolution = settings.resolution();
        this.upscaleSmall = settings.upscaleSmall();
    }

    /**
     * @param bytes the whole file
     * @param name  the file's path, for messages
     * @throws RejectedInputException with the reason the file is not a usable face; anything that goes wrong with
     *                                one file (an exception in conversion, resizing or encoding, or memory running
     *                                out on one huge image) is {@link RejectReason#FAILED}, never a failed task
     */
    public ImportedFace fromFile(byte[] bytes, String name) throws RejectedInputException {
        try {
            return importFile(bytes, name);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new RejectedInputException(RejectReason.FAILED, "processing '" + name + "' failed: " + e, e);
        }
    }

    private ImportedFace importFile(byte[] bytes, String name) throws RejectedInputException {
        RgbImage image;
        try {
            image = codec.decode(bytes, name);
        } catch (ImageDecodeException e) {
            throw new RejectedInputException(RejectReason.of(e.reason()), e.getMessage(), e);
        }
        int side = Math.min(image.width(), image.height());
        if (side < resolution && !upscaleSmall) {
            throw new RejectedInputException(RejectReason.TOO_SMALL, "image '" + name + "' is " + image.width()
                    + "x" + image.height() + ", smaller than lrpo.model.resolution = " + resolution
                    + " (set lrpo.ingest.upscale-small = true to enlarge such faces)");
        }
        return face(FaceIds.ofFile(bytes), image);
    }

    /** Face {@code (identity, variant)} of {@link FaceGenerator} under {@code seed}, drawn at the resolution. */
    public ImportedFace generated(long seed, long identity, long variant) {
        return face(FaceIds.ofGenerated(identity, variant),
                FaceGenerator.face(seed, identity, variant, resolution));
    }

    private ImportedFace face(String id, RgbImage original) {
        RgbImage square = centreSquare(original);
        RgbImage hq = square.width() == resolution ? square
                : Resizer.resize(square, resolution, resolution, Resizer.Filter.BICUBIC);
        return new ImportedFace(id, ImageCodec.encodePng(hq), original.width(), original.height(), resolution,
                split.isHeldOut(id) ? FaceDataset.HELD_OUT : FaceDataset.TRAIN);
    }

    /** The centred square of side {@code min(W, H)}; an odd surplus leaves the extra pixel on the right/bottom. */
    static RgbImage centreSquare(RgbImage image) {
        int w = image.width();
        int h = image.height();
        if (w == h) {
            return image;
        }
        int side = Math.min(w, h);
        return Crops.crop(image, (w - side) / 2, (h - side) / 2, side, side);
    }
}

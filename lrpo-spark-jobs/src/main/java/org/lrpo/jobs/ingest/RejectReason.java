package org.lrpo.jobs.ingest;

import org.lrpo.core.image.ImageDecodeException;

/**
 * Why an input file did not become a face; its {@link #name()} is the {@code reason} column of the rejects
 * table. The first six are {@link ImageDecodeException.Reason}s of the codec, the rest are the ingest job's own.
 */
public enum RejectReason {
    /** Zero bytes. */
    EMPTY,
    /** The data ends before the image does. */
    TRUNCATED,
    /** No image reader recognises the bytes. */
    NOT_AN_IMAGE,
    /** The header claims more pixels than {@code lrpo.max-image-pixels}. */
    TOO_MANY_PIXELS,
    /** A recognised format the codec cannot turn into RGB. */
    UNSUPPORTED,
    /** A recognised format whose data is damaged. */
    CORRUPT,
    /** The file could not be read from its file system (permissions, vanished, I/O error). */
    UNREADABLE,
    /** The file is larger than {@code lrpo.ingest.max-file-bytes}; it is not read. */
    TOO_LARGE,
    /** The shorter side is below {@code lrpo.model.resolution} and {@code lrpo.ingest.upscale-small} is off. */
    TOO_SMALL,
    /**
     * Processing the file failed in a way no other reason names (the message has the exception), including running
     * out of memory on one image: the job goes on with the next file.
     */
    FAILED;

    /** The ingest reason of a codec rejection (same name). */
    public static RejectReason of(ImageDecodeException.Reason reason) {
        return valueOf(reason.name());
    }
}

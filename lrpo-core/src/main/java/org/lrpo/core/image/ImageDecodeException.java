package org.lrpo.core.image;

import java.util.Objects;

/**
 * An input could not be turned into an {@link RgbImage}; {@link #reason()} says why, the message names
 * the reason and the input, so a bad file in a large data set can be found from the log line alone.
 */
public final class ImageDecodeException extends Exception {

    /** Why an input was rejected. */
    public enum Reason {
        /** Zero bytes. */
        EMPTY,
        /** The data ends before the image does (header or pixel data cut short). */
        TRUNCATED,
        /** No installed reader recognises the bytes as an image. */
        NOT_AN_IMAGE,
        /** The header claims more pixels than the configured limit (decompression-bomb guard). */
        TOO_MANY_PIXELS,
        /** A recognised format the codec cannot turn into RGB (e.g. an unknown colour model). */
        UNSUPPORTED,
        /** A recognised format whose data is damaged (the decoder reported an error or a warning). */
        CORRUPT
    }

    private final Reason reason;
    private final String inputName;

    public ImageDecodeException(Reason reason, String inputName, String detail, Throwable cause) {
        super(reason + " image '" + inputName + "': " + detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.inputName = inputName;
    }

    public ImageDecodeException(Reason reason, String inputName, String detail) {
        this(reason, inputName, detail, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The name given to the decoder (a path, a face id), for logs. */
    public String inputName() {
        return inputName;
    }
}

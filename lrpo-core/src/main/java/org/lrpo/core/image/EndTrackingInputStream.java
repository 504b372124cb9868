package org.lrpo.core.image;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An {@code ImageInputStream} over a byte array that remembers whether a reader asked for bytes past the
 * end. When a decoder fails, that flag tells "the file is cut short" from "the file is damaged", whatever
 * wording the decoder's exception uses (the JDK's readers say "Error reading PNG metadata", "No SOF
 * segment", ... for a cut-off file).
 */
final class EndTrackingInputStream extends ImageInputStreamImpl {
    private final byte[] data;
    private boolean ranOut;

    EndTrackingInputStream(byte[] data) {
        this.data = data;
    }

    /** True if any read since the last {@link #clearRanOut()} wanted more bytes than were left. */
    boolean ranOut() {
        return ranOut;
    }

    void clearRanOut() {
        ranOut = false;
    }

    @Override
    public int read() {
        bitOffset = 0;
        if (streamPos >= data.length) {
            ranOut = true;
            return -1;
        }
        return data[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", buffer " + b.length);
        }
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        long left = data.length - streamPos;
        if (left < len) {
            ranOut = true;
        }
        if (left <= 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        System.arraycopy(data, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return data.length;
    }
}

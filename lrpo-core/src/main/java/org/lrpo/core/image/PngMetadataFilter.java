package org.lrpo.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Drops a PNG's compressed metadata chunks ({@code zTXt}, {@code iTXt}, {@code iCCP}) before it is
 * decoded. The JDK's PNG reader inflates such a chunk whole into memory (a 1 MB file can hold a text
 * that inflates to gigabytes: a metadata bomb), even with metadata reading off when the image has a
 * palette. The decoder needs none of them: the text is not used and the JDK reader does not apply an
 * embedded ICC profile to the pixels. Anything that does not parse as a chunk sequence is left as it is,
 * for the decoder to reject with its own reason.
 */
final class PngMetadataFilter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Set<String> DROPPED = Set.of("zTXt", "iTXt", "iCCP");

    private PngMetadataFilter() {}

    /** {@code bytes} without compressed metadata chunks; the same array when there are none or it is no PNG. */
    static byte[] withoutCompressedMetadata(byte[] bytes) {
        if (bytes.length < SIGNATURE.length || !Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            return bytes;
        }
        ByteArrayOutputStream kept = null;
        int pos = SIGNATURE.length;
        while (pos + 12 <= bytes.length) {
            long length = ((bytes[pos] & 0xffL) << 24) | ((bytes[pos + 1] & 0xff) << 16) | ((bytes[pos + 2] & 0xff) << 8)
                    | (bytes[pos + 3] & 0xff);
            long end = pos + 12 + length;
            if (end > bytes.length) {
                break;
            }
            String type = new String(bytes, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (DROPPED.contains(type)) {
                if (kept == null) {
                    kept = new ByteArrayOutputStream(bytes.length);
                    kept.write(bytes, 0, pos);
                }
            } else if (kept != null) {
                kept.write(bytes, pos, (int) (end - pos));
            }
            pos = (int) end;
            if (type.equals("IEND")) {
                break;
            }
        }
        if (kept == null) {
            return bytes;
        }
        kept.write(bytes, pos, bytes.length - pos);
        return kept.toByteArray();
    }
}

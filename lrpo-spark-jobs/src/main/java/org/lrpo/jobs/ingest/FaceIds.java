package org.lrpo.jobs.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable face ids. A file's id is the SHA-256 of its original bytes (64 lower-case hex digits): it is known
 * before decoding, does not change with the configured resolution, the resize filter or the PNG encoder's
 * version, and byte-identical copies share it (so they are duplicates). The same picture saved in two
 * encodings gets two ids. A generated face's id is {@code gen-<identity>-<variant>}.
 */
public final class FaceIds {
    private FaceIds() {}

    public static String ofFile(byte[] originalBytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(originalBytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public static String ofGenerated(long identity, long variant) {
        return "gen-" + identity + "-" + variant;
    }
}

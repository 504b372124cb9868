package org.lrpo.core.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.lrpo.core.optim.ParameterLayout;
import org.lrpo.core.optim.ParameterSet;

/**
 * SHA-256 of a set of weights as used (names, shapes and the float bits, in layout order), independent of
 * which file or folder they came from: the same weights loaded from a checkpoint's live or EMA tensors,
 * on any machine, give the same fingerprint. Stage-2 checkpoints record their stage 1's fingerprint, so a
 * mismatched pair is caught when it is loaded.
 */
public final class WeightsFingerprint {
    private WeightsFingerprint() {}

    /** Lower-case hex SHA-256. */
    public static String of(ParameterSet weights) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        ParameterLayout layout = weights.layout();
        for (ParameterLayout.Entry e : layout.entries()) {
            sha.update(e.name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            for (int d : e.shape()) {
                sha.update(ByteBuffer.allocate(4).putInt(d).array());
            }
        }
        float[] flat = weights.flat();
        ByteBuffer buf = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < flat.length; i++) {
            buf.putFloat(flat[i]);
            if (!buf.hasRemaining()) {
                sha.update(buf.array(), 0, buf.position());
                buf.clear();
            }
        }
        sha.update(buf.array(), 0, buf.position());
        return HexFormat.of().formatHex(sha.digest());
    }
}

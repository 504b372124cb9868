package org.lrpo.core.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lrpo.core.optim.NamedTensor;
import org.lrpo.core.optim.ParameterLayout;
import org.lrpo.core.optim.ParameterSet;

/**
 * Writes float32 tensors in the safetensors format (huggingface/safetensors), so that PyTorch users
 * can open our weights with {@code safetensors.torch.load_file}:
 * <pre>
 *   8 bytes   N, the header length, unsigned little-endian
 *   N bytes   UTF-8 JSON: {"__metadata__": {string: string}, name: {"dtype": "F32",
 *             "shape": [...], "data_offsets": [begin, end]}, ...}, padded with spaces to a
 *             multiple of 8 bytes (as the reference writer does, so the data is 8-byte aligned)
 *   rest      the tensors' bytes, contiguous, row-major, little-endian; offsets relative to here
 * </pre>
 * Tensors are written in the order given (the reference sorts by dtype then name; any order is
 * valid, and keeping ours makes a {@link ParameterSet} round trip preserve its layout).
 */
public final class SafetensorsWriter {
    static final String METADATA_KEY = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_FLOATS = 1 << 16;

    private SafetensorsWriter() {}

    /** Writes all tensors of {@code set} (names and shapes from its layout) straight from its flat vector. */
    public static void write(OutputStream out, ParameterSet set, Map<String, String> metadata) throws IOException {
        write(out, set.layout(), set.flat(), metadata);
    }

    /** Writes {@code tensors} in order. */
    public static void write(OutputStream out, List<NamedTensor> tensors, Map<String, String> metadata)
            throws IOException {
        write(out, ParameterSet.of(tensors), metadata);
    }

    /** Writes the tensors of {@code layout} whose values are {@code flat}. */
    public static void write(OutputStream out, ParameterLayout layout, float[] flat, Map<String, String> metadata)
            throws IOException {
        if (flat.length != layout.totalSize()) {
            throw new IllegalArgumentException("layout has " + layout.totalSize() + " values, got " + flat.length);
        }
        out.write(header(layout, metadata));
        ByteBuffer buf = ByteBuffer.allocate(4 * Math.min(CHUNK_FLOATS, Math.max(1, flat.length)))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < flat.length; start += CHUNK_FLOATS) {
            int n = Math.min(CHUNK_FLOATS, flat.length - start);
            buf.clear();
            buf.asFloatBuffer().put(flat, start, n);
            out.write(buf.array(), 0, 4 * n);
        }
    }

    /** The 8-byte length followed by the padded JSON header. */
    static byte[] header(ParameterLayout layout, Map<String, String> metadata) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("safetensors metadata keys and values must not be null");
                }
            }
            header.put(METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        for (ParameterLayout.Entry e : layout.entries()) {
            if (e.name().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", "F32");
            info.put("shape", e.shape());
            info.put("data_offsets", new long[] {4L * e.offset(), 4L * (e.offset() + e.size())});
            header.put(e.name(), info);
        }
        byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }
}

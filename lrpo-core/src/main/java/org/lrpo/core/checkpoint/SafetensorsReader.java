package org.lrpo.core.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lrpo.core.optim.ParameterLayout;

/**
 * Reads the safetensors format (see {@link SafetensorsWriter}) from a stream, treating the file as
 * untrusted: the header length is bounded (100 MB, the reference's limit) and checked against the
 * file, the JSON must be an object without duplicate keys, every tensor's byte range must match its
 * dtype and shape, the ranges must tile the data section from 0 without gaps or overlaps, and the
 * data section must end exactly where the last tensor does. Any violation is a
 * {@link CheckpointFormatException} naming the file and the problem; a file cut short says
 * "truncated".
 *
 * <p>F32 tensors are decoded; tensors of other dtypes are validated and skipped (their header is
 * kept, so that a loader can report "dtype F16, model expects F32").
 */
public final class SafetensorsReader {
    /** The reference implementation's header limit. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Map<String, Integer> DTYPE_BYTES = dtypeSizes();
    private static final int CHUNK_BYTES = 1 << 18;
    /** Bounds the element count so that byte sizes cannot overflow a long. */
    private static final long MAX_ELEMENTS = 1L << 50;

    private SafetensorsReader() {}

    private static Map<String, Integer> dtypeSizes() {
        Map<String, Integer> m = new HashMap<>();
        for (String t : new String[] {"BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3"}) {
            m.put(t, 1);
        }
        for (String t : new String[] {"I16", "U16", "F16", "BF16"}) {
            m.put(t, 2);
        }
        for (String t : new String[] {"I32", "U32", "F32"}) {
            m.put(t, 4);
        }
        for (String t : new String[] {"I64", "U64", "F64"}) {
            m.put(t, 8);
        }
        return Map.copyOf(m);
    }

    /**
     * Reads a whole safetensors file of unknown length from {@code in}: tensors are filled as their bytes
     * arrive, so a header that claims more data than the stream holds fails as truncated without first
     * allocating what it claims.
     *
     * @param source a name for messages (a path or URI)
     */
    public static SafetensorsFile read(InputStream in, String source) throws IOException {
        return read(in, source, -1);
    }

    /**
     * Reads a whole safetensors file of {@code length} bytes from {@code in}: the header's data section must
     * end exactly at the file's end, which is checked before any tensor is allocated.
     *
     * @param length the file's length in bytes, or -1 when unknown
     */
    public static SafetensorsFile read(InputStream in, String source, long length) throws IOException {
        byte[] lengthBytes = readFully(in, 8, source, "the 8-byte header length");
        long n = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new CheckpointFormatException(source + ": header length " + Long.toUnsignedString(n)
                    + " bytes exceeds the " + MAX_HEADER_BYTES + "-byte limit (not a safetensors file?)");
        }
        byte[] headerBytes = readFully(in, (int) n, source, "the " + n + "-byte JSON header");
        String headerText;
        try {
            headerText = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(headerBytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointFormatException(source + ": header is not valid UTF-8", e);
        }
        if (!headerText.startsWith("{")) {
            throw new CheckpointFormatException(source + ": header does not start with '{' (not a safetensors file?)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(headerText);
        } catch (JsonProcessingException e) {
            throw new CheckpointFormatException(source + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointFormatException(source + ": header is not a JSON object");
        }

        Map<String, String> metadata = new LinkedHashMap<>();
        List<SafetensorsFile.Header> headers = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(SafetensorsWriter.METADATA_KEY)) {
                parseMetadata(field.getValue(), metadata, source);
            } else {
                headers.add(parseTensorHeader(field.getKey(), field.getValue(), source));
            }
        }
        headers.sort(Comparator.comparingLong(SafetensorsFile.Header::begin));
        long expectedBegin = 0;
        for (SafetensorsFile.Header h : headers) {
            if (h.begin() != expectedBegin) {
                throw new CheckpointFormatException(source + ": tensor " + h.name() + " starts at data offset "
                        + h.begin() + ", expected " + expectedBegin + " (tensors must be contiguous, without overlap)");
            }
            expectedBegin = h.end();
        }
        if (length >= 0 && 8 + n + expectedBegin != length) {
            throw new CheckpointFormatException(source + ": the header describes " + (8 + n + expectedBegin)
                    + " bytes but the file has " + length + (length < 8 + n + expectedBegin ? " (truncated)" : ""));
        }

        Map<String, float[]> values = new HashMap<>();
        byte[] chunk = new byte[CHUNK_BYTES];
        for (SafetensorsFile.Header h : headers) {
            long bytes = h.end() - h.begin();
            if (h.dtype().equals("F32")) {
                if (bytes / 4 > Integer.MAX_VALUE - 8) {
                    throw new CheckpointFormatException(source + ": tensor " + h.name() + " has " + bytes / 4
                            + " elements, more than one Java array holds");
                }
                int count = (int) (bytes / 4);
                // Known length: checked above, allocate at once. Unknown: grow with the data actually read.
                float[] v = new float[length >= 0 ? count : Math.min(count, CHUNK_BYTES / 4)];
                int filled = 0;
                while (filled < count) {
                    int take = Math.min(CHUNK_BYTES / 4, count - filled);
                    readInto(in, chunk, 4 * take, source, h, expectedBegin);
                    if (filled + take > v.length) {
                        v = java.util.Arrays.copyOf(v, (int) Math.min(count, Math.max(2L * v.length, filled + take)));
                    }
                    ByteBuffer.wrap(chunk, 0, 4 * take).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v, filled, take);
                    filled += take;
                }
                values.put(h.name(), v);
            } else {
                for (long left = bytes; left > 0; ) {
                    int take = (int) Math.min(CHUNK_BYTES, left);
                    readInto(in, chunk, take, source, h, expectedBegin);
                    left -= take;
                }
            }
        }
        if (in.read() != -1) {
            throw new CheckpointFormatException(source + ": data continues past the last tensor's end (offset "
                    + expectedBegin + "); the header does not describe the whole file");
        }
        return new SafetensorsFile(source, headers, values, metadata);
    }

    private static void parseMetadata(JsonNode node, Map<String, String> metadata, String source)
            throws CheckpointFormatException {
        if (!node.isObject()) {
            throw new CheckpointFormatException(source + ": __metadata__ is not a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new CheckpointFormatException(source + ": __metadata__ value of " + e.getKey()
                        + " is not a string");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static SafetensorsFile.Header parseTensorHeader(String name, JsonNode node, String source)
            throws CheckpointFormatException {
        String where = source + ": tensor " + name;
        if (!node.isObject()) {
            throw new CheckpointFormatException(where + ": header entry is not a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual() || !DTYPE_BYTES.containsKey(dtypeNode.textValue())) {
            throw new CheckpointFormatException(where + ": unknown or missing dtype " + dtypeNode);
        }
        String dtype = dtypeNode.textValue();
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw new CheckpointFormatException(where + ": missing shape array");
        }
        int[] shape = new int[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 0) {
                throw new CheckpointFormatException(where + ": bad dimension " + d + " in shape " + shapeNode);
            }
            shape[i] = d.intValue();
            try {
                elements = Math.multiplyExact(elements, shape[i]);
            } catch (ArithmeticException e) {
                throw new CheckpointFormatException(where + ": shape " + shapeNode + " overflows an element count");
            }
            if (elements > MAX_ELEMENTS) {
                throw new CheckpointFormatException(where + ": shape " + shapeNode + " is implausibly large");
            }
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2
                || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw new CheckpointFormatException(where + ": data_offsets must be [begin, end], got " + offsets);
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        long bytes = Math.multiplyExact(elements, (long) DTYPE_BYTES.get(dtype));
        if (begin < 0 || end < begin || end - begin != bytes) {
            throw new CheckpointFormatException(where + ": data_offsets [" + begin + ", " + end + "] do not hold "
                    + ParameterLayout.shapeString(shape) + " " + dtype + " (" + bytes + " bytes)");
        }
        if (dtype.equals("F32") && elements > Integer.MAX_VALUE - 8) {
            throw new CheckpointFormatException(where + ": " + elements + " values do not fit one Java array");
        }
        return new SafetensorsFile.Header(name, dtype, shape, begin, end);
    }

    private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new CheckpointFormatException(source + ": truncated: file ends after " + b.length + " of the "
                    + n + " bytes of " + what);
        }
        return b;
    }

    private static void readInto(InputStream in, byte[] buf, int n, String source, SafetensorsFile.Header h,
            long dataEnd) throws IOException {
        int got = in.readNBytes(buf, 0, n);
        if (got != n) {
            throw new CheckpointFormatException(source + ": truncated: file ends inside tensor " + h.name()
                    + " (data bytes [" + h.begin() + ", " + h.end() + "), header promises " + dataEnd + " data bytes)");
        }
    }
}

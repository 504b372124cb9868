package org.lrpo.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.optim.NamedTensor;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.testing.PythonReference;

class SafetensorsTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] write(List<NamedTensor> tensors, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsWriter.write(out, tensors, metadata);
        return out.toByteArray();
    }

    private static SafetensorsFile read(byte[] b) throws IOException {
        return SafetensorsReader.read(new ByteArrayInputStream(b), "test.safetensors");
    }

    /** Odd values whose bits must survive: signed zero, subnormal, extremes, infinities, a NaN payload. */
    private static float[] oddValues() {
        return new float[] {0f, -0f, Float.MIN_VALUE, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc12345), 1f / 3f, -1e-30f,
            123456.78f};
    }

    private static void assertBitwise(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    what + "[" + i + "]: " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void bytesMatchTheReferenceImplementationsOwnTestVectors() throws IOException {
        // huggingface/safetensors, safetensors/src/tensor.rs, test_serialization: "attn.0", F32 [1,2,3], 0..5.
        byte[] expected = bytes(64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
                116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
                58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
                101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
                0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64);
        byte[] ours = write(List.of(new NamedTensor("attn.0", new int[] {1, 2, 3}, new float[] {0, 1, 2, 3, 4, 5})),
                Map.of());
        assertArrayEquals(expected, ours);
        // test_serialization_forced_alignement: "attn0", shape [1,1,2,3]: 7 spaces of padding.
        byte[] padded = write(List.of(new NamedTensor("attn0", new int[] {1, 1, 2, 3},
                new float[] {0, 1, 2, 3, 4, 5})), Map.of());
        assertEquals(72, padded[0]);
        assertEquals(8 + 72 + 24, padded.length);
        assertEquals("       ", new String(padded, 8 + 65, 7, StandardCharsets.US_ASCII));
        // test_empty: no tensors; then metadata {"framework": "pt"}.
        assertArrayEquals(bytes(8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32), write(List.of(), Map.of()));
        assertArrayEquals(bytes(40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
                95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
                116, 34, 125, 125, 32, 32, 32, 32, 32), write(List.of(), Map.of("framework", "pt")));
        assertEquals(0, read(expected).metadata().size());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, read(expected).tensor("attn.0").values());
    }

    @Test
    void roundTripIsBitExactAndKeepsOrderAndMetadata() throws IOException {
        List<NamedTensor> tensors = List.of(
                new NamedTensor("z.weight", new int[] {3, 4}, oddValues()),
                new NamedTensor("a.bias", new int[] {2}, new float[] {Float.NaN, -0f}),
                new NamedTensor("scalar", new int[] {}, new float[] {42f}));
        Map<String, String> meta = Map.of("format", "pt", "note", "ünïcode ✓");
        SafetensorsFile f = read(write(tensors, meta));
        assertEquals(meta, f.metadata());
        assertEquals(List.of("z.weight", "a.bias", "scalar"), f.headers().stream().map(h -> h.name()).toList());
        List<NamedTensor> back = f.tensors();
        for (int i = 0; i < tensors.size(); i++) {
            assertEquals(tensors.get(i).name(), back.get(i).name());
            assertArrayEquals(tensors.get(i).shape(), back.get(i).shape());
            assertBitwise(tensors.get(i).values(), back.get(i).values(), tensors.get(i).name());
        }
    }

    @Test
    void truncatedFilesFailNamingTheProblem() throws IOException {
        byte[] whole = write(List.of(new NamedTensor("w", new int[] {4, 4}, new float[16])), Map.of());
        int headerEnd = 8 + (int) ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN).getLong();
        for (int cut : new int[] {0, 5, 8, 20, headerEnd, headerEnd + 1, whole.length - 1}) {
            byte[] part = Arrays.copyOf(whole, cut);
            CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> read(part),
                    "cut at " + cut);
            assertTrue(e.getMessage().contains("test.safetensors") && e.getMessage().contains("truncated"),
                    "cut at " + cut + ": " + e.getMessage());
        }
    }

    @Test
    void malformedHeadersFailNamingTheProblem() throws IOException {
        byte[] good = write(List.of(new NamedTensor("w", new int[] {2}, new float[] {1, 2})), Map.of());
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertMessage(longer, "continues past the last tensor");
        assertMessage(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,12]}}", 12), "do not hold [2] F32");
        assertMessage(craft("{\"w\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "unknown or missing dtype");
        assertMessage(craft("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "must be contiguous");
        assertMessage(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "not valid JSON");
        assertMessage(craft("{\"__metadata__\":{\"k\":1}}", 0), "is not a string");
        assertMessage(craft("[1,2]", 0), "does not start with '{'");
        byte[] huge = new byte[16];
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        assertMessage(huge, "exceeds");
        // A non-F32 tensor is read (and skipped) but asking for it as floats names the dtype.
        SafetensorsFile f16 = read(craft("{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4));
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class, () -> f16.tensor("h"));
        assertTrue(e.getMessage().contains("dtype F16"), e.getMessage());
    }

    /** A file with this header text (padded) and {@code dataBytes} zero bytes of data. */
    static byte[] craft(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        return b.array();
    }

    private static void assertMessage(byte[] file, String fragment) {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> read(file));
        assertTrue(e.getMessage().contains(fragment), "expected \"" + fragment + "\" in: " + e.getMessage());
    }

    private static List<NamedTensor> randomTensors(long seed) {
        SplittableRandom r = Seeds.stream(seed, "test-safetensors-interop");
        List<NamedTensor> out = new ArrayList<>();
        int[][] shapes = {{8, 3, 3, 3}, {8}, {2, 5}, {}};
        String[] names = {"down.0.conv.weight", "down.0.conv.bias", "time_embed.linear.weight", "control.gate"};
        for (int i = 0; i < shapes.length; i++) {
            int n = 1;
            for (int d : shapes[i]) {
                n *= d;
            }
            float[] v = new float[n];
            for (int j = 0; j < n; j++) {
                v[j] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-8, 8)));
            }
            if (n > 2) {
                v[0] = -0f;
                v[1] = Float.MIN_VALUE;
            }
            out.add(new NamedTensor(names[i], shapes[i], v));
        }
        return out;
    }

    @Test
    void javaFileOpensInPythonWithTorch() throws Exception {
        List<NamedTensor> tensors = randomTensors(1);
        Path file = dir.resolve("java.safetensors");
        try (var out = Files.newOutputStream(file)) {
            SafetensorsWriter.write(out, ParameterSet.of(tensors), Map.of("format", "pt", "step", "17"));
        }
        JsonNode py = PythonReference.runJson("safetensors_reference.py", Map.of(), "read", file.toString());
        assertEquals("pt", py.get("metadata").get("format").asText());
        assertEquals("17", py.get("metadata").get("step").asText());
        assertEquals(tensors.size(), py.get("tensors").size());
        for (NamedTensor t : tensors) {
            JsonNode p = py.get("tensors").get(t.name());
            int[] shape = new int[p.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = p.get("shape").get(i).asInt();
            }
            assertArrayEquals(t.shape(), shape, t.name());
            assertBitwise(t.values(), PythonReference.floats(p.get("values")), "python read of " + t.name());
        }
    }

    @Test
    void pythonFileReadsInJava() throws Exception {
        List<NamedTensor> tensors = randomTensors(2);
        List<Map<String, Object>> req = new ArrayList<>();
        for (NamedTensor t : tensors) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("shape", t.shape());
            double[] d = new double[t.values().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = t.values()[i];
            }
            m.put("values", d);
            req.add(m);
        }
        Path file = dir.resolve("python.safetensors");
        PythonReference.runJson("safetensors_reference.py", Map.of("tensors", req, "metadata", Map.of("format", "pt")),
                "write", file.toString());
        SafetensorsFile f;
        try (InputStream in = Files.newInputStream(file)) {
            f = SafetensorsReader.read(in, file.toString());
        }
        assertEquals(Map.of("format", "pt"), f.metadata());
        // Python orders by name (as the reference does); we look tensors up by name.
        assertEquals("control.gate", f.headers().get(0).name());
        for (NamedTensor t : tensors) {
            NamedTensor back = f.tensor(t.name());
            assertArrayEquals(t.shape(), back.shape());
            assertBitwise(t.values(), back.values(), "java read of " + t.name());
        }
    }
}

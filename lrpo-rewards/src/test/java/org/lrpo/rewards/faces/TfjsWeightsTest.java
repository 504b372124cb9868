package org.lrpo.rewards.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TF.js manifest/shard reader on hand-made files, and on the real face-api file checked by hand. */
class TfjsWeightsTest {
    @TempDir
    Path dir;

    private static final String MANIFEST = """
            [{"paths": ["m.bin", "m.2.bin"], "weights": [
              {"name": "a", "shape": [2, 2], "dtype": "float32",
               "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0}},
              {"name": "b", "shape": [3], "dtype": "float32"},
              {"name": "c", "shape": [2], "dtype": "float32", "quantization": {"dtype": "float16"}},
              {"name": "d", "shape": [1], "dtype": "float32",
               "quantization": {"dtype": "uint16", "scale": 0.001, "min": 2.0}}
            ]}]""";

    private void write(byte[] bytes, int split) throws IOException {
        Files.writeString(dir.resolve("m-weights_manifest.json"), MANIFEST);
        // Two shards cut inside tensor b: the group's weights run across shard boundaries.
        Files.write(dir.resolve("m.bin"), Arrays.copyOfRange(bytes, 0, split));
        Files.write(dir.resolve("m.2.bin"), Arrays.copyOfRange(bytes, split, bytes.length));
    }

    private static byte[] payload() {
        ByteBuffer b = ByteBuffer.allocate(4 + 12 + 4 + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0).put((byte) 1).put((byte) 2).put((byte) 255);
        b.putFloat(1.5f).putFloat(-2f).putFloat(3.25f);
        b.putShort((short) 0x3C00).putShort((short) 0xC000); // float16 1.0 and -2.0
        b.putShort((short) 1000);
        return b.array();
    }

    @Test
    void decodesQuantisedAndPlainTensorsAcrossShards() throws IOException {
        write(payload(), 7);
        TfjsWeights w = TfjsWeights.load(dir, "m");
        assertArrayEquals(new float[] {-1f, -0.5f, 0f, 126.5f}, w.get("a", 2, 2).values()); // q * 0.5 - 1
        assertArrayEquals(new float[] {1.5f, -2f, 3.25f}, w.get("b", 3).values());
        assertArrayEquals(new float[] {1f, -2f}, w.get("c", 2).values());
        assertArrayEquals(new float[] {3f}, w.get("d", 1).values(), 1e-6f); // 1000 * 0.001 + 2
    }

    @Test
    void truncatedShardWrongShapeAndUnknownNameAreNamed() throws IOException {
        byte[] p = payload();
        write(Arrays.copyOf(p, p.length - 3), 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfjsWeights.load(dir, "m"));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("weight c"), e.getMessage());

        write(p, 7);
        TfjsWeights w = TfjsWeights.load(dir, "m");
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> w.get("a", 4));
        assertTrue(shape.getMessage().contains("[2, 2]"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.get("nope"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TfjsWeights.load(dir, "other"));
        assertTrue(missing.getMessage().contains("other-weights_manifest.json"), missing.getMessage());
    }

    @Test
    void halfFloatsByHand() {
        assertEquals(65504f, TfjsWeights.halfToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, TfjsWeights.halfToFloat((short) 0x0001)); // smallest subnormal
        assertEquals(-0.5f, TfjsWeights.halfToFloat((short) 0xB800));
        assertEquals(Float.POSITIVE_INFINITY, TfjsWeights.halfToFloat((short) 0x7C00));
    }

    @Test
    void realDescriptorWeightsDecodeAsTheManifestSays() throws IOException {
        Path modelDir = FaceApiReference.get().models.modelDir();
        TfjsWeights w = TfjsWeights.load(modelDir, FaceDescriptorNet.MODEL_NAME);
        // stem conv + 14 residual blocks x 2 convs, 4 tensors each (filters, bias, scale w/b), + fc
        assertEquals(4 + 14 * 2 * 4 + 1, w.names().size());
        byte[] bin = Files.readAllBytes(modelDir.resolve("face_recognition_model.bin"));
        // First byte: conv32_down/conv/filters[0], uint8 with scale/min copied from the manifest.
        float first = (float) ((bin[0] & 0xff) * 0.0005260649557207145 - 0.07101876902229645);
        assertEquals(first, w.get("conv32_down/conv/filters", 7, 7, 3, 32).values()[0]);
        // Last byte: fc[255][127], the manifest's last weight.
        float last = (float) ((bin[bin.length - 1] & 0xff) * 0.000357687911566566 - 0.04578405268052045);
        float[] fc = w.get("fc", 256, 128).values();
        assertEquals(last, fc[fc.length - 1]);
        // A float32 (not quantised) tensor decodes to finite, small conv weights.
        for (float v : w.get("conv64_down/conv1/conv/filters", 3, 3, 32, 64).values()) {
            assertTrue(Float.isFinite(v) && Math.abs(v) < 10, "weight " + v);
        }
    }
}

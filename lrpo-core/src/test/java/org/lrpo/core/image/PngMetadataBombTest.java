package org.lrpo.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A PNG whose compressed text or ICC chunk inflates to far more than the file (a metadata bomb) decodes
 * to its pixels without inflating the chunk: the decoder allocates a small fraction of the bomb's size.
 */
class PngMetadataBombTest {
    /** What the bomb's chunk inflates to: 256 MiB of zeros, about 256 kB compressed. */
    private static final int INFLATED = 256 << 20;

    @ParameterizedTest
    @ValueSource(strings = {"zTXt", "iCCP"})
    void aCompressedChunkIsNotInflated(String chunk) throws Exception {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_BYTE_INDEXED}) {
            byte[] clean = png(type);
            byte[] bomb = withChunkAfterHeader(clean, chunk, bombPayload(chunk));
            assertTrue(bomb.length < 2_000_000, "the bomb is a small file: " + bomb.length);
            RgbImage expected = ImageCodec.defaults().decode(clean, "clean");
            long before = allocatedBytes();
            RgbImage decoded = ImageCodec.defaults().decode(bomb, "bomb");
            long allocated = allocatedBytes() - before;
            assertArrayEquals(expected.chw(), decoded.chw(), 0f, "the pixels, image type " + type);
            // Without the filter the JDK reader inflates the chunk: at least INFLATED bytes (and for a
            // palette image even with metadata reading off).
            assertTrue(allocated < 64L << 20, chunk + ", image type " + type + ": decoding allocated "
                    + (allocated >> 20) + " MiB for a " + (INFLATED >> 20) + " MiB bomb");
        }
    }

    @Test
    void filesThatAreNoPngOrHaveNothingToDropAreLeftAsTheyAre() throws Exception {
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2};
        assertSame(jpeg, PngMetadataFilter.withoutCompressedMetadata(jpeg));
        byte[] clean = png(BufferedImage.TYPE_INT_RGB);
        assertSame(clean, PngMetadataFilter.withoutCompressedMetadata(clean));
        // A chunk length that runs past the end: left for the decoder to call truncated.
        byte[] cut = java.util.Arrays.copyOf(clean, 40);
        assertSame(cut, PngMetadataFilter.withoutCompressedMetadata(cut));
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static byte[] png(int type) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, type);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, (x * 32) << 16 | (y * 32) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** zTXt: keyword, NUL, method 0, zlib data; iCCP: profile name, NUL, method 0, zlib data. */
    private static byte[] bombPayload(String chunk) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        byte[] keyword = (chunk.equals("zTXt") ? "Comment" : "ICC profile").getBytes(StandardCharsets.ISO_8859_1);
        payload.writeBytes(keyword);
        payload.write(0);
        payload.write(0);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[1 << 16];
        for (int i = 0; i < INFLATED / zeros.length; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                payload.write(buf, 0, deflater.deflate(buf));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            payload.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return payload.toByteArray();
    }

    /** {@code png} with one more chunk right after IHDR (signature 8 bytes + IHDR 25 bytes). */
    private static byte[] withChunkAfterHeader(byte[] png, String type, byte[] data) {
        int at = 8 + 25;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, at);
        out.writeBytes(CraftedImages.chunk(type, data));
        out.write(png, at, png.length - at);
        return out.toByteArray();
    }
}

package org.lrpo.core.image;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Mutated image files (truncations, bit flips, length fields that lie, inserted and deleted runs), seeded, in every
 * format the codec reads: each either decodes or fails with a typed {@link ImageDecodeException}, within a time and
 * an allocation bound. Any other exception is what would fail a whole ingest or restore task (issue 14, fuzz test
 * and finding 5).
 */
class ImageCodecFuzzTest {
    private static final int CASES_PER_FORMAT = 250;
    private static final long MAX_MILLIS = 5_000;
    private static final long MAX_ALLOCATED = 256L << 20;

    /** Small valid files with structure worth breaking: colour gradients and text-like edges. */
    private static Map<String, byte[]> seeds() throws IOException {
        BufferedImage rgb = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 48; x++) {
                rgb.setRGB(x, y, new Color((x * 5) % 256, (y * 6) % 256, (x * y) % 256).getRGB());
            }
        }
        g.setColor(Color.BLACK);
        g.drawString("lrpo", 4, 24);
        g.dispose();
        BufferedImage gray = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(rgb, 0, 0, null);
        BufferedImage indexed = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.getGraphics().drawImage(rgb, 0, 0, null);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("png", write(rgb, "png"));
        files.put("png-gray", write(gray, "png"));
        files.put("jpeg", write(rgb, "jpeg"));
        files.put("gif", write(indexed, "gif"));
        files.put("bmp", write(rgb, "bmp"));
        files.put("tiff", write(rgb, "tiff"));
        return files;
    }

    private static byte[] write(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    /** One seeded mutation of {@code file}. */
    static byte[] mutate(byte[] file, SplittableRandom r) {
        byte[] b = file.clone();
        switch (r.nextInt(5)) {
            case 0 -> {
                return java.util.Arrays.copyOf(b, r.nextInt(b.length));
            }
            case 1 -> {
                int flips = 1 + r.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }
            case 2 -> {
                // A 32-bit field (a PNG chunk length, a TIFF offset, a BMP size) made to lie.
                int at = r.nextInt(Math.max(1, b.length - 4));
                int lie = switch (r.nextInt(4)) {
                    case 0 -> 0x7fffffff;
                    case 1 -> 0xffffffff;
                    case 2 -> 0;
                    default -> r.nextInt();
                };
                for (int i = 0; i < 4 && at + i < b.length; i++) {
                    b[at + i] = (byte) (lie >>> (24 - 8 * i));
                }
                return b;
            }
            case 3 -> {
                int at = r.nextInt(b.length);
                byte[] junk = new byte[1 + r.nextInt(64)];
                r.nextBytes(junk);
                byte[] out = new byte[b.length + junk.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(b, at, out, at + junk.length, b.length - at);
                return out;
            }
            default -> {
                int at = r.nextInt(b.length);
                int n = Math.min(b.length - at, 1 + r.nextInt(32));
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                return out;
            }
        }
    }

    @Test
    void mutatedFilesDecodeOrFailWithATypedReason() throws IOException {
        ImageCodec codec = ImageCodec.defaults();
        List<String> problems = new ArrayList<>();
        int cases = 0;
        int decoded = 0;
        for (Map.Entry<String, byte[]> seed : seeds().entrySet()) {
            SplittableRandom r = new SplittableRandom(seed.getKey().hashCode());
            for (int c = 0; c < CASES_PER_FORMAT; c++) {
                byte[] input = mutate(seed.getValue(), r);
                String name = seed.getKey() + "#" + c;
                long before = allocated();
                long t0 = System.nanoTime();
                try {
                    codec.decode(input, name);
                    decoded++;
                } catch (ImageDecodeException e) {
                    // The typed reject a batch job records.
                } catch (Throwable t) {
                    problems.add(name + ": " + t);
                }
                long millis = (System.nanoTime() - t0) / 1_000_000;
                long bytes = allocated() - before;
                if (millis > MAX_MILLIS || bytes > MAX_ALLOCATED) {
                    problems.add(name + ": " + millis + " ms, " + (bytes >> 20) + " MiB allocated");
                }
                cases++;
            }
        }
        System.out.printf("image fuzz: %d mutated files, %d still decoded, %d problems%n", cases, decoded,
                problems.size());
        assertTrue(cases >= 1000, "cases: " + cases);
        if (!problems.isEmpty()) {
            fail(problems.size() + " of " + cases + " mutated files escaped the typed rejects:\n"
                    + String.join("\n", problems.subList(0, Math.min(30, problems.size()))));
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}

package org.lrpo.jobs.ingest;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.RgbImage;

/**
 * A folder of real image files for ingest tests: good faces in several formats, byte-identical copies,
 * and one file for each kind of bad input. Sizes assume resolution 64, lrpo.max-image-pixels = 100000 and
 * lrpo.ingest.max-file-bytes = 200000 ({@link #settings}).
 */
final class FaceFolder {
    static final long SEED = 7;
    static final int RESOLUTION = 64;

    /** File (relative path) -> the reason it must be rejected. */
    final Map<String, RejectReason> bad = new LinkedHashMap<>();
    /** Files that must become faces (relative paths), each with distinct bytes. */
    final Map<String, byte[]> good = new LinkedHashMap<>();
    /** Copy (relative path) -> the good file it duplicates. */
    final Map<String, String> copies = new LinkedHashMap<>();
    /** Files Spark's listing skips (hidden), so they are neither faces nor rejects. */
    final java.util.List<String> hidden = java.util.List.of(".hidden.png", "_skipped.png");

    /** File names with spaces, URI-reserved and non-ASCII characters, and a long one. */
    static final java.util.List<String> AWKWARD_NAMES = java.util.List.of("a b.png", "100%.png", "x#1.png",
            "what?.png", "a+b.png", "f%20a.png", "\u00fcn\u00efc\u00f8de-\u0444\u043e\u0442\u043e.png",
            "long-".repeat(45) + ".png");

    static IngestSettings settings(int partitions) {
        return new IngestSettings(partitions, 1, "*", 200_000, false, RESOLUTION, 100_000, 0.3, SEED);
    }

    static FaceFolder write(Path dir) throws IOException {
        FaceFolder f = new FaceFolder();
        for (int i = 0; i < 6; i++) {
            f.good.put("face-" + i + ".png", ImageCodec.encodePng(FaceGenerator.face(SEED, i, 0, RESOLUTION)));
        }
        for (int i = 6; i < 9; i++) {
            // Non-square and larger than the resolution: cropped to the centre square, then shrunk.
            f.good.put("jpeg/face-" + i + ".jpg", ImageCodec.encodeJpeg(crop(FaceGenerator.face(SEED, i, 0, 96), 80), 92));
        }
        f.good.put("jpeg/cmyk.jpg", cmykJpeg(RESOLUTION, RESOLUTION));
        // Lakes hold every character in names: each must survive listing, URI escaping and Hadoop paths.
        for (String name : AWKWARD_NAMES) {
            f.good.put("names/" + name, ImageCodec.encodePng(FaceGenerator.face(SEED, 10 + f.good.size(), 0, RESOLUTION)));
        }
        f.good.put("gray.png", grayPng(RESOLUTION + 8, RESOLUTION));
        f.copies.put("a-copies/face-0.png", "face-0.png");
        f.copies.put("jpeg/z/face-6-again.jpg", "jpeg/face-6.jpg");

        byte[] face1 = f.good.get("face-1.png");
        f.put(dir, "empty.png", new byte[0], RejectReason.EMPTY);
        f.put(dir, "truncated.png", Arrays.copyOf(face1, face1.length / 2), RejectReason.TRUNCATED);
        f.put(dir, "notes.png", "not an image, just text\n".getBytes(), RejectReason.NOT_AN_IMAGE);
        f.put(dir, "tiny.png", ImageCodec.encodePng(FaceGenerator.face(SEED, 99, 0, 16)), RejectReason.TOO_SMALL);
        f.put(dir, "huge.png", grayPng(400, 300), RejectReason.TOO_MANY_PIXELS);
        byte[] noise = new byte[250_000];
        new SplittableRandom(1).nextBytes(noise);
        f.put(dir, "big.png", noise, RejectReason.TOO_LARGE);

        for (Map.Entry<String, byte[]> e : f.good.entrySet()) {
            writeFile(dir.resolve(e.getKey()), e.getValue());
        }
        for (Map.Entry<String, String> e : f.copies.entrySet()) {
            writeFile(dir.resolve(e.getKey()), f.good.get(e.getValue()));
        }
        for (String h : f.hidden) {
            writeFile(dir.resolve(h), new byte[0]);
        }
        return f;
    }

    private void put(Path dir, String name, byte[] bytes, RejectReason reason) throws IOException {
        writeFile(dir.resolve(name), bytes);
        bad.put(name, reason);
    }

    private static void writeFile(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** The top-left {@code width x 96} part of a 96x96 face: an 80x96 portrait. */
    private static RgbImage crop(RgbImage img, int width) {
        int h = img.height();
        float[] out = new float[3 * h * width];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < width; x++) {
                    out[(c * h + y) * width + x] = img.get(c, y, x);
                }
            }
        }
        return RgbImage.wrap(width, h, out);
    }

    static byte[] grayPng(int width, int height) throws IOException {
        BufferedImage g = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = g.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                r.setSample(x, y, 0, (x * 7 + y * 3) % 256);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(g, "png", out);
        return out.toByteArray();
    }

    /** A 4-channel Adobe CMYK JPEG (inverted inks, APP14 transform 0), as Photoshop writes them. */
    static byte[] cmykJpeg(int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {255 - 4 * x % 256, 255 - 4 * y % 256, 200, 230});
            }
        }
        ImageWriter writer = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.imageio.")) {
                writer = w;
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.95f);
            writer.write(null, new IIOImage(raster, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] result = new byte[jpeg.length + app14.length];
        System.arraycopy(jpeg, 0, result, 0, 2);
        System.arraycopy(app14, 0, result, 2, app14.length);
        System.arraycopy(jpeg, 2, result, 2 + app14.length, jpeg.length - 2);
        return result;
    }
}

package org.lrpo.jobs.ingest;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.RgbImage;
import org.lrpo.jobs.testing.OddImages;

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
        f.good.put("jpeg/cmyk.jpg", OddImages.cmykJpeg(RESOLUTION, RESOLUTION));
        // Lakes hold every character in names: each must survive listing, URI escaping and Hadoop paths.
        for (String name : AWKWARD_NAMES) {
            f.good.put("names/" + name, ImageCodec.encodePng(FaceGenerator.face(SEED, 10 + f.good.size(), 0, RESOLUTION)));
        }
        f.good.put("gray.png", OddImages.grayPng(RESOLUTION + 8, RESOLUTION));
        f.copies.put("a-copies/face-0.png", "face-0.png");
        f.copies.put("jpeg/z/face-6-again.jpg", "jpeg/face-6.jpg");

        byte[] face1 = f.good.get("face-1.png");
        f.put(dir, "empty.png", new byte[0], RejectReason.EMPTY);
        f.put(dir, "truncated.png", Arrays.copyOf(face1, face1.length / 2), RejectReason.TRUNCATED);
        f.put(dir, "notes.png", "not an image, just text\n".getBytes(), RejectReason.NOT_AN_IMAGE);
        f.put(dir, "tiny.png", ImageCodec.encodePng(FaceGenerator.face(SEED, 99, 0, 16)), RejectReason.TOO_SMALL);
        f.put(dir, "huge.png", OddImages.grayPng(400, 300), RejectReason.TOO_MANY_PIXELS);
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


}

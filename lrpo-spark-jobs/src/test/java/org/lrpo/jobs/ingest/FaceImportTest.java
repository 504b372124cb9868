package org.lrpo.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.Resizer;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.train.FaceSplit;

/** One file or generated face to one dataset row, without Spark. */
class FaceImportTest {
    private final IngestSettings settings = FaceFolder.settings(1);
    private final FaceImport faces = new FaceImport(settings);

    @Test
    void squarePngAtTheResolutionIsStoredPixelForPixelUnderItsContentHash() throws Exception {
        RgbImage original = FaceGenerator.face(FaceFolder.SEED, 3, 0, 64);
        byte[] png = ImageCodec.encodePng(original);
        ImportedFace f = faces.fromFile(png, "face.png");
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png)), f.id());
        assertEquals(64, f.width());
        assertEquals(64, f.height());
        assertEquals(64, f.resolution());
        assertArrayEquals(png, f.hqPng(), "a 64x64 PNG needs neither crop nor resize; re-encoding is lossless");
        assertEquals(new FaceSplit(0.3).isHeldOut(f.id()) ? FaceDataset.HELD_OUT : FaceDataset.TRAIN, f.split());
    }

    @Test
    void portraitJpegIsCentreCroppedThenResizedBicubic() throws Exception {
        RgbImage src = FaceGenerator.face(FaceFolder.SEED, 4, 0, 96);
        // 80 wide, 96 high: the centre square is rows 8..87.
        float[] portrait = new float[3 * 96 * 80];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 80; x++) {
                    portrait[(c * 96 + y) * 80 + x] = src.get(c, y, x);
                }
            }
        }
        byte[] jpeg = ImageCodec.encodeJpeg(RgbImage.wrap(80, 96, portrait), 90);
        RgbImage decoded = ImageCodec.defaults().decode(jpeg, "p.jpg");
        float[] square = new float[3 * 80 * 80];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 80; y++) {
                for (int x = 0; x < 80; x++) {
                    square[(c * 80 + y) * 80 + x] = decoded.get(c, y + 8, x);
                }
            }
        }
        byte[] expected = ImageCodec.encodePng(Resizer.resize(RgbImage.wrap(80, 80, square), 64, 64, Resizer.Filter.BICUBIC));

        ImportedFace f = faces.fromFile(jpeg, "p.jpg");
        assertEquals(80, f.width());
        assertEquals(96, f.height());
        assertArrayEquals(expected, f.hqPng());
    }

    @Test
    void oddSurplusLeavesTheExtraColumnOnTheRight() {
        // 5x2: values are the x coordinate; the square is columns 1 and 2 ((5 - 2) / 2 = 1).
        float[] chw = new float[3 * 2 * 5];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (i % 5) / 10f;
        }
        RgbImage sq = FaceImport.centreSquare(RgbImage.wrap(5, 2, chw));
        assertEquals(2, sq.width());
        assertEquals(2, sq.height());
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2; y++) {
                assertEquals(0.1f, sq.get(c, y, 0));
                assertEquals(0.2f, sq.get(c, y, 1));
            }
        }
    }

    @Test
    void smallFacesAreRejectedUnlessUpscalingIsOn() throws Exception {
        byte[] small = ImageCodec.encodePng(FaceGenerator.face(FaceFolder.SEED, 5, 0, 32));
        RejectedInputException e = assertThrows(RejectedInputException.class, () -> faces.fromFile(small, "s.png"));
        assertEquals(RejectReason.TOO_SMALL, e.reason());
        assertTrue(e.getMessage().contains("32x32") && e.getMessage().contains("s.png"), e.getMessage());

        IngestSettings up = new IngestSettings(1, 1, "*", 200_000, true, 64, 100_000, 0.3, FaceFolder.SEED);
        ImportedFace f = new FaceImport(up).fromFile(small, "s.png");
        RgbImage hq = ImageCodec.defaults().decode(f.hqPng(), "hq");
        assertEquals(64, hq.width());
        assertEquals(32, f.width());
    }

    @Test
    void decoderRejectionsKeepTheirReason() throws Exception {
        byte[] png = ImageCodec.encodePng(FaceGenerator.face(FaceFolder.SEED, 1, 0, 64));
        assertReason(RejectReason.EMPTY, new byte[0]);
        assertReason(RejectReason.NOT_AN_IMAGE, "hello".getBytes());
        assertReason(RejectReason.TRUNCATED, Arrays.copyOf(png, png.length / 2));
        assertReason(RejectReason.TOO_MANY_PIXELS, org.lrpo.jobs.testing.OddImages.grayPng(400, 300));
    }

    private void assertReason(RejectReason want, byte[] bytes) {
        RejectedInputException e = assertThrows(RejectedInputException.class, () -> faces.fromFile(bytes, "x.png"));
        assertEquals(want, e.reason(), e.getMessage());
    }

    @Test
    void generatedFaceIsTheGeneratorsFaceUnderItsGeneratedId() {
        ImportedFace f = faces.generated(FaceFolder.SEED, 3, 1);
        assertEquals("gen-3-1", f.id());
        assertArrayEquals(ImageCodec.encodePng(FaceGenerator.face(FaceFolder.SEED, 3, 1, 64)), f.hqPng());
        assertEquals(64, f.width());
    }

    /**
     * Issue 14, finding 5: one image that runs the JVM out of memory (allowed by the pixel limit, too big for a
     * small executor heap) becomes a FAILED reject, and the next file imports. Run in a JVM with a 160 MiB heap.
     */
    @Test
    void anImageThatRunsOutOfMemoryIsARejectNotAFailedTask(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // 7000 x 7000 gray: a few hundred kB of PNG, 49 M pixels (under the 100 M limit), 590 MB as float RGB.
        java.awt.image.BufferedImage gray = new java.awt.image.BufferedImage(7000, 7000,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.nio.file.Path huge = dir.resolve("huge.png");
        javax.imageio.ImageIO.write(gray, "png", huge.toFile());
        java.nio.file.Path small = java.nio.file.Files.write(dir.resolve("small.png"),
                ImageCodec.encodePng(FaceGenerator.face(FaceFolder.SEED, 2, 0, 64)));
        java.util.List<String> cmd = java.util.List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx160m",
                "-cp", System.getProperty("java.class.path"), OneHugeImageMain.class.getName(), huge.toString(),
                small.toString());
        org.lrpo.core.testing.BoundedProcess.Result r = org.lrpo.core.testing.BoundedProcess.run(
                new ProcessBuilder(cmd).redirectErrorStream(true), null, java.time.Duration.ofMinutes(3));
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("huge: FAILED processing 'huge.png' failed: java.lang.OutOfMemoryError"), r.out());
        assertTrue(r.out().contains("small: imported "), r.out());
    }
}

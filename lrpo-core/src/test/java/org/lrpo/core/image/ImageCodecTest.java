package org.lrpo.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.ImageDecodeException.Reason;

class ImageCodecTest {
    private static final float[] WHITE = {1f, 1f, 1f};
    private final ImageCodec codec = ImageCodec.defaults();

    // ---- rejections ----

    @Test
    void emptyInputIsRejectedAsEmpty() {
        assertReason(Reason.EMPTY, new byte[0], "empty.png");
        assertReason(Reason.EMPTY, null, "null.png");
    }

    @Test
    void textIsNotAnImage() {
        ImageDecodeException e = assertReason(Reason.NOT_AN_IMAGE,
                "hello, this is not an image at all".getBytes(StandardCharsets.US_ASCII), "notes.txt");
        assertTrue(e.getMessage().contains("NOT_AN_IMAGE") && e.getMessage().contains("notes.txt"), e.getMessage());
    }

    @Test
    void truncatedPngIsRejected() {
        byte[] png = CraftedImages.png(noise(64, 48, 1));
        assertReason(Reason.TRUNCATED, Arrays.copyOf(png, png.length / 2), "half.png");
        // Cut inside the IHDR: the header itself is incomplete.
        assertReason(Reason.TRUNCATED, Arrays.copyOf(png, 20), "header.png");
    }

    @Test
    void truncatedJpegIsRejectedNotPaddedWithGrey() {
        byte[] jpeg = CraftedImages.jpegOf(noise(64, 48, 2));
        ImageDecodeException e = assertReason(Reason.TRUNCATED, Arrays.copyOf(jpeg, jpeg.length * 6 / 10), "cut.jpg");
        assertTrue(e.getMessage().contains("cut.jpg"), e.getMessage());
        assertReason(Reason.TRUNCATED, Arrays.copyOf(jpeg, 30), "cut-header.jpg");
    }

    @Test
    void damagedDataIsCorruptNotTruncated() {
        assertReason(Reason.CORRUPT, CraftedImages.pngWithGarbageData(8, 8), "garbage.png");
    }

    @Test
    void hugeHeaderIsRejectedBeforeAnyPixelIsAllocated() {
        byte[] bomb = CraftedImages.pngHeaderOnly(100_000, 100_000);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // Warm the reader classes up so their one-off loading does not count.
        assertReason(Reason.TOO_MANY_PIXELS, bomb, "warm-up.png");
        long before = threads.getCurrentThreadAllocatedBytes();
        ImageDecodeException e = assertReason(Reason.TOO_MANY_PIXELS, bomb, "bomb.png");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // 1e10 pixels would need 30 GB as bytes and 120 GB as floats; a header read needs kilobytes.
        assertTrue(allocated < 8L << 20, "allocated " + allocated + " bytes while rejecting the header");
        assertTrue(e.getMessage().contains("100000x100000") && e.getMessage().contains("bomb.png"), e.getMessage());
    }

    @Test
    void pixelLimitIsInclusiveAndAppliesToJpegToo() throws Exception {
        ImageCodec small = new ImageCodec(100, WHITE);
        assertEquals(10, small.decode(CraftedImages.png(noise(10, 10, 3)), "ok.png").width());
        assertReason(small, Reason.TOO_MANY_PIXELS, CraftedImages.png(noise(11, 10, 3)), "big.png");
        assertReason(small, Reason.TOO_MANY_PIXELS, CraftedImages.jpegOf(noise(11, 10, 3)), "big.jpg");
    }

    // ---- formats and colours ----

    @Test
    void eightBitPngRoundTripIsExact() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        int w = 37;
        int h = 23;
        float[] chw = new float[3 * w * h];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = rnd.nextInt(256) / 255f;
        }
        RgbImage original = RgbImage.wrap(w, h, chw);
        RgbImage decoded = codec.decode(ImageCodec.encodePng(original), "roundtrip.png");
        assertEquals(w, decoded.width());
        assertEquals(h, decoded.height());
        assertArrayEquals(chw, decoded.chw());
    }

    @Test
    void greyPngIsReplicatedWithoutGammaChange() throws Exception {
        BufferedImage grey = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 2, 0, 100);
        RgbImage img = codec.decode(CraftedImages.png(grey), "grey.png");
        for (int c = 0; c < 3; c++) {
            // Java's getRGB would report about 0.66 here (it treats grey as linear light).
            assertEquals(100 / 255f, img.get(c, 2, 1), 0f);
            assertEquals(0f, img.get(c, 0, 0), 0f);
        }
    }

    @Test
    void oneBitPngDecodesToBlackAndWhite() throws Exception {
        BufferedImage binary = new BufferedImage(9, 2, BufferedImage.TYPE_BYTE_BINARY);
        binary.getRaster().setSample(3, 1, 0, 1);
        RgbImage img = codec.decode(CraftedImages.png(binary), "binary.png");
        assertPixel(img, 3, 1, 1f, 1f, 1f, 0f);
        assertPixel(img, 4, 1, 0f, 0f, 0f, 0f);
    }

    @Test
    void codecSettingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ImageCodec(0, WHITE));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageCodec(ImageCodec.MAX_PIXELS_LIMIT + 1, WHITE));
        assertThrows(IllegalArgumentException.class, () -> new ImageCodec(100, new float[] {1f, 1f}));
        assertThrows(IllegalArgumentException.class, () -> new ImageCodec(100, new float[] {1f, 1.5f, 0f}));
        float[] bg = ImageCodec.defaults().background();
        assertArrayEquals(WHITE, bg);
        bg[0] = 0f;
        assertArrayEquals(WHITE, ImageCodec.defaults().background(), "background() must hand out a copy");
    }

    @Test
    void sixteenBitGreyPngKeepsItsPrecision() throws Exception {
        BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSample(2, 1, 0, 12345);
        RgbImage img = codec.decode(CraftedImages.png(grey), "grey16.png");
        for (int c = 0; c < 3; c++) {
            assertEquals(12345 / 65535f, img.get(c, 1, 2), 1e-7f);
        }
        // 12345/65535 is not on the 8-bit grid: an 8-bit path would be 0.0008 off.
        assertNotEquals(Math.round(12345 / 65535f * 255) / 255f, img.get(0, 1, 2), 1e-4f);
    }

    @Test
    void sixteenBitRgbPngKeepsItsPrecision() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 2);
        raster.setPixel(1, 0, new int[] {65535, 1000, 40001});
        BufferedImage rgb16 = new BufferedImage(cm, raster, false, null);
        RgbImage img = codec.decode(CraftedImages.png(rgb16), "rgb16.png");
        assertEquals(1f, img.get(0, 0, 1), 0f);
        assertEquals(1000 / 65535f, img.get(1, 0, 1), 1e-7f);
        assertEquals(40001 / 65535f, img.get(2, 0, 1), 1e-7f);
    }

    @Test
    void palettePngIsLookedUpIncludingTransparency() throws Exception {
        byte[] r = {(byte) 255, 0, 10, 0};
        byte[] g = {0, (byte) 128, 20, 0};
        byte[] b = {0, 0, 30, (byte) 255};
        byte[] a = {(byte) 255, (byte) 255, (byte) 255, 0};
        IndexColorModel icm = new IndexColorModel(2, 4, r, g, b, a);
        BufferedImage pal = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED, icm);
        pal.getRaster().setPixels(0, 0, 2, 2, new int[] {0, 1, 2, 3});
        float[] blueBackground = {0f, 0f, 1f};
        RgbImage img = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS, blueBackground)
                .decode(CraftedImages.png(pal), "palette.png");
        assertPixel(img, 0, 0, 1f, 0f, 0f, 0f);
        assertPixel(img, 1, 0, 0f, 128 / 255f, 0f, 0f);
        assertPixel(img, 0, 1, 10 / 255f, 20 / 255f, 30 / 255f, 0f);
        // Fully transparent entry: the background shows.
        assertPixel(img, 1, 1, 0f, 0f, 1f, 0f);
    }

    @Test
    void alphaIsCompositedOverTheConfiguredBackground() throws Exception {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, new Color(255, 0, 0, 128).getRGB());
        argb.setRGB(1, 0, new Color(0, 255, 0, 0).getRGB());
        byte[] png = CraftedImages.png(argb);
        float a = 128 / 255f;
        RgbImage overWhite = codec.decode(png, "alpha.png");
        assertPixel(overWhite, 0, 0, 1f, 1 - a, 1 - a, 1e-6f);
        assertPixel(overWhite, 1, 0, 1f, 1f, 1f, 0f);
        RgbImage overBlack = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS, new float[] {0f, 0f, 0f})
                .decode(png, "alpha.png");
        assertPixel(overBlack, 0, 0, a, 0f, 0f, 1e-6f);
        assertPixel(overBlack, 1, 0, 0f, 0f, 0f, 0f);
    }

    @Test
    void greyJpegIsReplicated() throws Exception {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setColor(new Color(90, 90, 90));
        g.fillRect(0, 0, 16, 16);
        g.dispose();
        RgbImage img = codec.decode(CraftedImages.jpegOf(grey), "grey.jpg");
        for (int c = 0; c < 3; c++) {
            assertEquals(90 / 255f, img.get(c, 8, 8), 1.5f / 255);
        }
    }

    /** CMYK inks (0..255) -> the RGB a profile-less CMYK decoder shows: (1 - C)(1 - K) etc. */
    private static float[] naiveRgb(int[] cmyk) {
        float k = 1 - cmyk[3] / 255f;
        return new float[] {(1 - cmyk[0] / 255f) * k, (1 - cmyk[1] / 255f) * k, (1 - cmyk[2] / 255f) * k};
    }

    private static final int[][] INKS = {
        {0, 0, 0, 0}, {255, 0, 0, 0}, {0, 255, 0, 0}, {0, 0, 255, 0}, {0, 0, 0, 255}, {51, 128, 204, 26}};

    @Test
    void cmykJpegDecodesToTheRightColours() throws Exception {
        for (int[] ink : INKS) {
            WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
            // Adobe CMYK JPEGs store 255 - ink.
            fill(raster, 255 - ink[0], 255 - ink[1], 255 - ink[2], 255 - ink[3]);
            byte[] jpeg = CraftedImages.insertAfterSoi(CraftedImages.jpegOfRaster(raster), CraftedImages.adobeApp14(0));
            RgbImage img = codec.decode(jpeg, "cmyk.jpg");
            float[] want = naiveRgb(ink);
            assertPixel(img, 8, 8, want[0], want[1], want[2], 3f / 255);
        }
    }

    @Test
    void ycckJpegDecodesToTheRightColours() throws Exception {
        for (int[] ink : INKS) {
            WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
            // YCCK: JPEG's YCbCr of (C, M, Y) (the inverse of Adobe's inverted CMY), then inverted K.
            double r = ink[0];
            double g = ink[1];
            double b = ink[2];
            fill(raster, clamp8(0.299 * r + 0.587 * g + 0.114 * b),
                    clamp8(-0.168736 * r - 0.331264 * g + 0.5 * b + 128),
                    clamp8(0.5 * r - 0.418688 * g - 0.081312 * b + 128), 255 - ink[3]);
            byte[] jpeg = CraftedImages.insertAfterSoi(CraftedImages.jpegOfRaster(raster), CraftedImages.adobeApp14(2));
            RgbImage img = codec.decode(jpeg, "ycck.jpg");
            float[] want = naiveRgb(ink);
            assertPixel(img, 8, 8, want[0], want[1], want[2], 3f / 255);
        }
    }

    @Test
    void exifOrientationSixTurnsTheImageClockwise() throws Exception {
        // 32x16: left half red, right half blue.
        BufferedImage src = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = src.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 16, 16);
        g.setColor(Color.BLUE);
        g.fillRect(16, 0, 16, 16);
        g.dispose();
        byte[] jpeg = CraftedImages.jpegOf(src);

        RgbImage upright = codec.decode(CraftedImages.insertAfterSoi(jpeg, CraftedImages.exifApp1(1)), "o1.jpg");
        assertEquals(32, upright.width());
        assertEquals(16, upright.height());

        RgbImage six = codec.decode(CraftedImages.insertAfterSoi(jpeg, CraftedImages.exifApp1(6)), "o6.jpg");
        assertEquals(16, six.width());
        assertEquals(32, six.height());
        // Clockwise: what was on the left is now on top.
        assertPixel(six, 8, 4, 1f, 0f, 0f, 0.05f);
        assertPixel(six, 8, 28, 0f, 0f, 1f, 0.05f);

        RgbImage eight = codec.decode(CraftedImages.insertAfterSoi(jpeg, CraftedImages.exifApp1(8)), "o8.jpg");
        assertEquals(16, eight.width());
        assertPixel(eight, 8, 4, 0f, 0f, 1f, 0.05f);

        RgbImage three = codec.decode(CraftedImages.insertAfterSoi(jpeg, CraftedImages.exifApp1(3)), "o3.jpg");
        assertEquals(32, three.width());
        assertPixel(three, 4, 8, 0f, 0f, 1f, 0.05f);
    }

    @Test
    void orientationsComposeLikeTheirGeometry() {
        RgbImage img = ImageCodecTest.ramp(3, 2);
        // Every flip and 180-degree turn, and transpose/transverse, is its own inverse; 6 and 8 undo each other.
        for (int o : new int[] {2, 3, 4, 5, 7}) {
            assertArrayEquals(img.chw(), ExifOrientation.apply(ExifOrientation.apply(img, o), o).chw(), "orientation " + o);
        }
        assertArrayEquals(img.chw(), ExifOrientation.apply(ExifOrientation.apply(img, 6), 8).chw());
        // Two quarter turns clockwise are a half turn; a half turn is both flips.
        assertArrayEquals(ExifOrientation.apply(img, 3).chw(),
                ExifOrientation.apply(ExifOrientation.apply(img, 6), 6).chw());
        assertArrayEquals(ExifOrientation.apply(img, 3).chw(),
                ExifOrientation.apply(ExifOrientation.apply(img, 2), 4).chw());
        // Transpose: out(x, y) = in(y, x).
        RgbImage t = ExifOrientation.apply(img, 5);
        assertEquals(img.get(1, 1, 2), t.get(1, 2, 1));
    }

    @Test
    void decodeThenEncodeJpegAtHighQualityIsClose() throws Exception {
        RgbImage smooth = ramp(48, 32);
        RgbImage back = codec.decode(ImageCodec.encodeJpeg(smooth, 100), "q100.jpg");
        float maxErr = 0;
        for (int i = 0; i < smooth.size(); i++) {
            maxErr = Math.max(maxErr, Math.abs(smooth.chw()[i] - back.chw()[i]));
        }
        // Quality 100 still subsamples chroma 2x2 (4:2:0), which costs a few levels on a colour ramp.
        assertTrue(maxErr < 8f / 255, "max error " + maxErr);
        assertThrows(IllegalArgumentException.class, () -> ImageCodec.encodeJpeg(smooth, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageCodec.encodeJpeg(smooth, 101));
    }

    // ---- helpers ----

    static RgbImage ramp(int w, int h) {
        float[] chw = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                chw[y * w + x] = x / (float) (w - 1);
                chw[w * h + y * w + x] = y / (float) (h - 1);
                chw[2 * w * h + y * w + x] = 0.5f;
            }
        }
        return RgbImage.wrap(w, h, chw);
    }

    private static BufferedImage noise(int w, int h, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rnd.nextInt(1 << 24));
            }
        }
        return img;
    }

    private static int clamp8(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static void fill(WritableRaster raster, int... samples) {
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                raster.setPixel(x, y, samples);
            }
        }
    }

    private static void assertPixel(RgbImage img, int x, int y, float r, float g, float b, float tol) {
        String at = " at (" + x + ", " + y + ")";
        assertEquals(r, img.get(0, y, x), tol, "R" + at);
        assertEquals(g, img.get(1, y, x), tol, "G" + at);
        assertEquals(b, img.get(2, y, x), tol, "B" + at);
    }

    private ImageDecodeException assertReason(Reason reason, byte[] bytes, String name) {
        return assertReason(codec, reason, bytes, name);
    }

    private static ImageDecodeException assertReason(ImageCodec c, Reason reason, byte[] bytes, String name) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> c.decode(bytes, name));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(name, e.inputName());
        return e;
    }
}

package org.lrpo.core.image;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Bytes of an image file to an {@link RgbImage} and back.
 *
 * <p>Decoding reads whatever {@code javax.imageio} reads (PNG, JPEG, GIF, BMP, ...). JPEGs go through
 * TwelveMonkeys' reader, which converts CMYK and YCCK JPEGs to RGB correctly (the JDK's reader gets their
 * colours wrong or refuses them); its reader is used directly rather than through the ImageIO registry,
 * so it is found even where the registry was filled by another class loader (Spark executors).
 * What the decoder does with each kind of input:
 * <ul>
 *   <li>grey: replicated into R, G, B; 16-bit samples keep their precision ({@code v / 65535});
 *   <li>palette: looked up, including palette transparency;
 *   <li>alpha: composited over {@link #background()} (white in {@link #defaults()});
 *   <li>JPEG EXIF orientation: applied, so the result is upright;
 *   <li>files with several images (animated GIF): the first image.
 * </ul>
 * Rejections are {@link ImageDecodeException}s with a {@link ImageDecodeException.Reason}: empty input,
 * bytes no reader recognises, a header that claims more than {@link #maxPixels()} pixels (checked from
 * the header, before any pixel memory is allocated), data that ends early (including JPEGs that the
 * decoder would silently pad with grey: its "premature end" warning is turned into an error), and data
 * the decoder fails on.
 *
 * <p>Encoding writes 8-bit PNG (lossless for values on the 1/255 grid) and baseline JPEG through the JDK's
 * encoder at an IJG quality 1..100 (the scale of libjpeg, PIL and OpenCV, to within one unit of a
 * quantisation step; 4:2:0 chroma subsampling), always through in-memory streams.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ImageCodec {
    /** Default pixel limit: 50 megapixels, e.g. 8660 x 5773, far above any face crop. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    /** The largest pixel limit an {@link RgbImage} can hold: its 3 * W * H floats are one Java array. */
    public static final long MAX_PIXELS_LIMIT = Integer.MAX_VALUE / 3;
    /** Default colour under transparent pixels: white, as most viewers show them. */
    private static final float[] WHITE = {1f, 1f, 1f};

    private static final ImageCodec DEFAULTS = new ImageCodec(DEFAULT_MAX_PIXELS, WHITE);
    private static final ImageReaderSpi TWELVEMONKEYS_JPEG = twelveMonkeysJpeg();

    private final long maxPixels;
    private final float[] background;

    /**
     * @param maxPixels  the largest width * height accepted (key {@code lrpo.image.max-pixels}),
     *                   1..{@link #MAX_PIXELS_LIMIT}
     * @param background the RGB colour in [0, 1] under transparent pixels (key {@code lrpo.image.alpha-background})
     */
    public ImageCodec(long maxPixels, float[] background) {
        if (maxPixels < 1 || maxPixels > MAX_PIXELS_LIMIT) {
            throw new IllegalArgumentException("maxPixels must be in 1.." + MAX_PIXELS_LIMIT + ", got " + maxPixels);
        }
        if (background == null || background.length != 3) {
            throw new IllegalArgumentException("background must be 3 values (R, G, B), got "
                    + Arrays.toString(background));
        }
        for (float v : background) {
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("background values must be in [0, 1], got "
                        + Arrays.toString(background));
            }
        }
        this.maxPixels = maxPixels;
        this.background = background.clone();
    }

    /** A codec with {@link #DEFAULT_MAX_PIXELS} and a white background (1, 1, 1). */
    public static ImageCodec defaults() {
        return DEFAULTS;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** The colour under transparent pixels (a copy). */
    public float[] background() {
        return background.clone();
    }

    /**
     * Decodes an image file.
     *
     * @param bytes the whole file
     * @param name  a name for error messages (a path, a face id); not used to guess the format
     * @throws ImageDecodeException naming the reason and {@code name}
     */
    public RgbImage decode(byte[] bytes, String name) throws ImageDecodeException {
        if (bytes == null || bytes.length == 0) {
            throw new ImageDecodeException(ImageDecodeException.Reason.EMPTY, name, "zero bytes");
        }
        try (EndTrackingInputStream in = new EndTrackingInputStream(PngMetadataFilter.withoutCompressedMetadata(bytes))) {
            ImageReader reader = readerFor(in, name);
            try {
                RgbImage image = read(reader, in, name);
                if (isJpeg(reader)) {
                    image = ExifOrientation.apply(image, ExifOrientation.read(bytes));
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            // The stream is an in-memory array: sniffing and closing it cannot really fail.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * TwelveMonkeys' JPEG reader provider as registered with ImageIO (it finds the JDK reader it wraps
     * on registration). Registered here if the registry did not pick it up from this class loader.
     */
    private static ImageReaderSpi twelveMonkeysJpeg() {
        IIORegistry registry = IIORegistry.getDefaultInstance();
        JPEGImageReaderSpi spi = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
        if (spi == null) {
            spi = new JPEGImageReaderSpi();
            registry.registerServiceProvider(spi, ImageReaderSpi.class);
        }
        return spi;
    }

    private static ImageReader readerFor(ImageInputStream in, String name) throws ImageDecodeException, IOException {
        if (TWELVEMONKEYS_JPEG.canDecodeInput(in)) {
            return TWELVEMONKEYS_JPEG.createReaderInstance();
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageDecodeException(ImageDecodeException.Reason.NOT_AN_IMAGE, name,
                    "no image reader recognises the first bytes " + hexPrefix(in));
        }
        return readers.next();
    }

    private RgbImage read(ImageReader reader, EndTrackingInputStream in, String name) throws ImageDecodeException {
        // Format sniffing may have read past the end of a tiny input; only the decoder's reads count.
        in.clearRanOut();
        List<String> warnings = new ArrayList<>();
        IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
        reader.addIIOReadWarningListener(listener);
        reader.setInput(in, true, false);
        String format = formatName(reader);
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw failure(e, in.ranOut(), format + " header", name);
        }
        if ((long) width * height > maxPixels) {
            throw new ImageDecodeException(ImageDecodeException.Reason.TOO_MANY_PIXELS, name,
                    format + " header claims " + width + "x" + height + " = " + ((long) width * height)
                            + " pixels, limit is " + maxPixels);
        }
        BufferedImage decoded;
        try {
            decoded = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw failure(e, in.ranOut(), format + " pixel data", name);
        }
        for (String warning : warnings) {
            // libjpeg pads a cut-off JPEG with grey and only warns; we refuse the half image.
            String w = warning.toLowerCase(Locale.ROOT);
            if (w.contains("premature end") || w.contains("truncated") || w.contains("missing eoi")) {
                throw new ImageDecodeException(ImageDecodeException.Reason.TRUNCATED, name,
                        format + " data ends early (decoder warning: " + warning + ")");
            }
        }
        return RasterConversion.toRgb(decoded, background);
    }

    private static ImageDecodeException failure(Exception e, boolean ranOut, String what, String name) {
        if (ranOut || looksTruncated(e)) {
            return new ImageDecodeException(ImageDecodeException.Reason.TRUNCATED, name,
                    what + " ends early: " + e, e);
        }
        if (e instanceof IOException && String.valueOf(e.getMessage()).startsWith("Unsupported")) {
            return new ImageDecodeException(ImageDecodeException.Reason.UNSUPPORTED, name,
                    what + " cannot be decoded: " + e, e);
        }
        return new ImageDecodeException(ImageDecodeException.Reason.CORRUPT, name,
                what + " could not be decoded: " + e, e);
    }

    /** True when {@code e} or one of its causes says the data ran out. */
    private static boolean looksTruncated(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("unexpected end") || m.contains("premature end") || m.contains("end of stream")
                    || m.contains("eof")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJpeg(ImageReader reader) {
        return "jpeg".equalsIgnoreCase(formatName(reader));
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName();
        } catch (IOException e) {
            return reader.getOriginatingProvider().getFormatNames()[0];
        }
    }

    private static String hexPrefix(ImageInputStream in) throws IOException {
        in.seek(0);
        byte[] head = new byte[8];
        int n = Math.max(0, in.read(head));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(String.format(Locale.ROOT, "%02x", head[i] & 0xFF));
        }
        return s.toString();
    }

    /**
     * An 8-bit RGB PNG of {@code image}; each value is clamped to [0, 1] and rounded to the nearest 1/255.
     *
     * @throws IllegalArgumentException if the image contains NaN
     */
    public static byte[] encodePng(RgbImage image) {
        BufferedImage rgb = RasterConversion.toRgb8(image);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no PNG writer installed");
        }
        return write(writers.next(), rgb, null);
    }

    /**
     * A baseline JPEG (YCbCr 4:2:0) of {@code image} at IJG quality {@code quality} in 1..100.
     *
     * @throws IllegalArgumentException if the quality is out of range or the image contains NaN
     */
    public static byte[] encodeJpeg(RgbImage image, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be in 1..100, got " + quality);
        }
        ImageWriter writer = jdkJpegWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        // The JDK scales the Annex K tables like libjpeg's jpeg_quality_scaling (q < 50: 5000/q %, else
        // 200 - 2q %), in float arithmetic: entries can differ from libjpeg's by one (JpegQualityTest).
        param.setCompressionQuality(quality / 100f);
        return write(writer, RasterConversion.toRgb8(image), param);
    }

    /**
     * Writes through an in-memory stream: {@code ImageIO.write} would buffer through a temporary file
     * whenever ImageIO's disk cache is on (the default), which is slow and fails on read-only executors.
     */
    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * The JDK's own JPEG writer, not a plug-in's wrapper around it: the bytes of a degraded image
     * must not depend on which plug-ins happen to be on the class path.
     */
    private static ImageWriter jdkJpegWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter fallback = null;
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (w.getClass().getName().startsWith("com.sun.imageio.")) {
                if (fallback != null) {
                    fallback.dispose();
                }
                return w;
            }
            if (fallback == null) {
                fallback = w;
            } else {
                w.dispose();
            }
        }
        if (fallback == null) {
            throw new IllegalStateException("no JPEG writer installed");
        }
        return fallback;
    }
}

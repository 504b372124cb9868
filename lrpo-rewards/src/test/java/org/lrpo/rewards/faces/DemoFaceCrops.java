package org.lrpo.rewards.faces;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.lrpo.core.image.RgbImage;

/**
 * Real face crops for tests outside this package (the reward tests), without the Node reference run:
 * the faces of {@link FaceApiReference#FACE_BOXES} in face-api's own demo photos, cut as squares around
 * the box and resized with Java2D bilinear interpolation, as the conformance fixture does for its
 * {@code *_150} crops. Fetches the weights and photos first ({@code scripts/fetch-face-models.sh},
 * idempotent).
 */
public final class DemoFaceCrops {
    private static DemoFaceCrops instance;

    private final FaceModelFiles models;
    private final Map<Integer, BufferedImage> photos = new HashMap<>();

    public static synchronized DemoFaceCrops get() {
        if (instance == null) {
            instance = new DemoFaceCrops();
        }
        return instance;
    }

    private DemoFaceCrops() {
        FaceModelFiles located = FaceModelFiles.locate();
        Path repo = Paths.get(System.getProperty("lrpo.repo.root", "..")).toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(repo.resolve("scripts/fetch-face-models.sh").toString())
                .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put(FaceModelFiles.ENV, located.root().toString());
        try {
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("scripts/fetch-face-models.sh failed; run it by hand to see why");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        this.models = located;
    }

    public FaceModelFiles models() {
        return models;
    }

    /** How many faces {@link #crop} knows. */
    public int faceCount() {
        return FaceApiReference.FACE_BOXES.length;
    }

    /**
     * Face {@code face} (an index into the detector's boxes) as a {@code size x size} image: a square of
     * side {@code scale x} the longer box side, centred on the box moved by ({@code dx}, {@code dy})
     * pixels, clipped to the photo. {@code scale} 1.2 and no shift is the conformance fixture's crop.
     */
    public RgbImage crop(int face, double scale, int dx, int dy, int size) {
        int[] b = FaceApiReference.FACE_BOXES[face];
        BufferedImage photo = photo(b[0]);
        int side = (int) Math.round(scale * Math.max(b[3], b[4]));
        int x0 = Math.max(0, b[1] + b[3] / 2 - side / 2 + dx);
        int y0 = Math.max(0, b[2] + b[4] / 2 - side / 2 + dy);
        side = Math.min(side, Math.min(photo.getWidth() - x0, photo.getHeight() - y0));
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo.getSubimage(x0, y0, side, side), 0, 0, size, size, null);
        g.dispose();
        return toRgb(out);
    }

    /** The fixture's crop: scale 1.2, centred. */
    public List<RgbImage> all(int size) {
        return java.util.stream.IntStream.range(0, faceCount()).mapToObj(i -> crop(i, 1.2, 0, 0, size)).toList();
    }

    private synchronized BufferedImage photo(int index) {
        return photos.computeIfAbsent(index, i -> {
            try {
                return ImageIO.read(models.demoDir().resolve("sample" + i + ".jpg").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static RgbImage toRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] chw = new float[3 * w * h];
        int plane = w * h;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                int i = y * w + x;
                chw[i] = ((p >> 16) & 0xff) / 255f;
                chw[plane + i] = ((p >> 8) & 0xff) / 255f;
                chw[2 * plane + i] = (p & 0xff) / 255f;
            }
        }
        return RgbImage.wrap(w, h, chw);
    }
}

package org.lrpo.rewards.metrics;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.lrpo.core.image.RgbImage;

/**
 * Command that fits a NIQE pristine model on a folder of high-quality images and writes it as JSON:
 * <pre>
 *   java -cp lrpo-rewards.jar:... org.lrpo.rewards.metrics.FitNiqeModel FOLDER OUT.json [BLOCK_SIZE]
 * </pre>
 * Reads every {@code .png}, {@code .jpg}, {@code .jpeg} file directly in FOLDER (sorted by name, so the result
 * does not depend on directory order); BLOCK_SIZE defaults to 96. Parquet tables of faces are read by the Spark
 * jobs module, which calls {@link NiqeModel#fit} with the decoded images.
 */
public final class FitNiqeModel {
    private FitNiqeModel() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: FitNiqeModel FOLDER OUT.json [BLOCK_SIZE, default 96]");
            System.exit(2);
        }
        int block = args.length == 3 ? Integer.parseInt(args[2]) : NiqeModel.DEFAULT_BLOCK_SIZE;
        NiqeModel model = fit(Path.of(args[0]), block, Path.of(args[1]));
        System.out.println("NIQE model: " + model.images() + " images, " + model.patches() + " sharp "
                + block + "x" + block + " blocks -> " + args[1]);
    }

    /** Fits on the images in {@code folder}, writes {@code out}, returns the model. */
    public static NiqeModel fit(Path folder, int blockSize, Path out) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("NIQE fit: " + folder.toAbsolutePath() + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
            }).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("NIQE fit: no .png/.jpg images in " + folder.toAbsolutePath());
        }
        List<RgbImage> images = new ArrayList<>();
        for (Path f : files) {
            images.add(read(f));
        }
        NiqeModel model = NiqeModel.fit(images, blockSize);
        model.write(out);
        return model;
    }

    private static RgbImage read(Path file) throws IOException {
        BufferedImage bi = ImageIO.read(file.toFile());
        if (bi == null) {
            throw new IllegalArgumentException("NIQE fit: cannot decode " + file.toAbsolutePath());
        }
        int w = bi.getWidth();
        int h = bi.getHeight();
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = bi.getRGB(x, y);
                v[y * w + x] = ((rgb >> 16) & 0xFF) / 255f;
                v[w * h + y * w + x] = ((rgb >> 8) & 0xFF) / 255f;
                v[2 * w * h + y * w + x] = (rgb & 0xFF) / 255f;
            }
        }
        return RgbImage.wrap(w, h, v);
    }
}

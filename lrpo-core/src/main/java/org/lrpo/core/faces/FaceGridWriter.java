package org.lrpo.core.faces;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes contact sheets of generated faces as PNG, for looking at the generator's output.
 *
 * <p>{@code java -Djava.awt.headless=true -cp lrpo-core/target/classes org.lrpo.core.faces.FaceGridWriter docs [runSeed]}
 * writes {@code generated-faces.png} (8 x 8 different identities, 128 px each) and
 * {@code generated-faces-same-identity.png} (4 identities in rows, 8 variants each) into the given folder.
 */
public final class FaceGridWriter {
    private FaceGridWriter() {}

    /** A grid of {@code rows x cols} faces; face {@code (row, col)} is identity {@code identity(row, col)}. */
    public static BufferedImage grid(long runSeed, int rows, int cols, int cell, boolean sameIdentityPerRow) {
        BufferedImage sheet = new BufferedImage(cols * cell, rows * cell, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    long identity = sameIdentityPerRow ? r : (long) r * cols + c;
                    long variant = sameIdentityPerRow ? c : 0;
                    BufferedImage face = FaceRenderer.renderBuffered(FaceIdentity.draw(runSeed, identity),
                            FaceAppearance.draw(runSeed, identity, variant), cell);
                    g.drawImage(face, c * cell, r * cell, null);
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs");
        long runSeed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        Files.createDirectories(dir);
        write(grid(runSeed, 8, 8, 128, false), dir.resolve("generated-faces.png"));
        write(grid(runSeed, 4, 8, 128, true), dir.resolve("generated-faces-same-identity.png"));
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
        System.out.println("wrote " + file);
    }
}

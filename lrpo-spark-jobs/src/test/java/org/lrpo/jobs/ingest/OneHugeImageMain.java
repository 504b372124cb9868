package org.lrpo.jobs.ingest;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM with a small heap by {@link FaceImportTest}: imports a huge (but allowed) image, which runs out of
 * memory, then a normal one, printing what became of each.
 */
public final class OneHugeImageMain {
    private OneHugeImageMain() {}

    public static void main(String[] args) throws Exception {
        FaceImport faces = new FaceImport(new IngestSettings(1, 1, "*", Integer.MAX_VALUE - 9, false, 64, 100_000_000,
                0.3, FaceFolder.SEED));
        try {
            faces.fromFile(Files.readAllBytes(Path.of(args[0])), "huge.png");
            System.out.println("huge: imported");
        } catch (RejectedInputException e) {
            System.out.println("huge: " + e.reason() + " " + e.getMessage());
        }
        ImportedFace small = faces.fromFile(Files.readAllBytes(Path.of(args[1])), "small.png");
        System.out.println("small: imported " + small.id());
    }
}

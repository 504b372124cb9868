package org.lrpo.jobs.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.SparkSession;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.core.degrade.Degradation;
import org.lrpo.core.degrade.DegradationParams;
import org.lrpo.core.degrade.DegradationPreset;
import org.lrpo.core.faces.Scene;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.train.ImageGrid;
import org.lrpo.jobs.restore.RestoreJob;
import org.lrpo.jobs.restore.RestoreReport;
import org.lrpo.jobs.restore.RestoreSettings;
import org.lrpo.jobs.train.RunSpec;

/**
 * Not a test: the demo's whole photos ({@link DemoPhotos#scenes}) under one fixed degradation, restored by the
 * {@code restore} job with a finished demo's models, on {@code local[2]}: faces pasted, and PSNR against the clean
 * scenes of whole photos and of every face's aligned crop, before and after (EXPERIMENTS.md section 2, "Whole
 * photos"). Writes {@code PREFIX.png} (degraded | restored | clean, the first two photos).
 * Args: {@code RUN_DIR CONFIG PHOTOS DOWNSCALE NOISE_LEVELS JPEG_QUALITY BLUR_SIGMA PREFIX}, e.g.
 * {@code lrpo-out conf/local.conf 8 2 8 70 0.3 /tmp/mild}.
 */
public final class WholePhotoProbe {
    private WholePhotoProbe() {}

    public static void main(String[] a) throws Exception {
        Path run = Path.of(a[0]).toAbsolutePath();
        var config = ConfigLoader.load(Optional.of(Path.of(a[1])), List.of("restore.partitions=2"));
        int count = Integer.parseInt(a[2]);
        double downscale = Double.parseDouble(a[3]);
        double noise = Double.parseDouble(a[4]);
        int quality = Integer.parseInt(a[5]);
        double sigma = Double.parseDouble(a[6]);
        LrpoSettings s = LrpoSettings.read(config);
        List<Scene> scenes = DemoPhotos.scenes(s.run().seed(), count);
        Path work = Files.createTempDirectory("whole-photo-probe");
        Path photos = Files.createDirectories(work.resolve("photos"));
        List<RgbImage> degraded = new ArrayList<>();
        int kernel = DegradationPreset.LIGHT.atResolution(DemoPhotos.CROP_SIDE).kernelSize();
        for (int i = 0; i < count; i++) {
            RgbImage lq = Degradation.applyWith(scenes.get(i).photo(), new DegradationParams(kernel, true, sigma, sigma,
                    0, downscale, noise / 255, s.run().seed() + i, quality));
            degraded.add(lq);
            Files.write(photos.resolve(DemoPhotos.name(i)), ImageCodec.encodePng(lq));
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName("whole-photo-probe").getOrCreate();
        try {
            SettingsReader r = new SettingsReader(config);
            RestoreSettings settings = RestoreSettings.read(r, s);
            r.throwIfInvalid();
            RestoreReport report = RestoreJob.run(spark, RunSpec.of(config), settings,
                    new RestoreJob.Source.Files(photos.toString()), work.resolve("out").toString(), run.toString(), false,
                    new PrintStream(OutputStream.nullOutputStream()));
            List<RgbImage> restored = new ArrayList<>();
            List<List<RgbImage>> rows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path f = work.resolve("out").resolve(DemoPhotos.name(i));
                restored.add(ImageCodec.defaults().decode(Files.readAllBytes(f), f.toString()));
                rows.add(List.of(degraded.get(i), restored.get(i), scenes.get(i).photo()));
            }
            DemoPhotos.Fidelity before = DemoPhotos.fidelity(scenes, degraded);
            DemoPhotos.Fidelity after = DemoPhotos.fidelity(scenes, restored);
            System.out.printf("downscale %.1f, noise %.0f, JPEG %d, blur sigma %.2f: %d of %d faces pasted; whole photos "
                            + "%.2f -> %.2f dB, aligned crops %.2f -> %.2f dB%n", downscale, noise, quality, sigma,
                    report.faces(), before.faces(), before.photoPsnr(), after.photoPsnr(), before.facePsnr(),
                    after.facePsnr());
            Files.write(Path.of(a[7] + ".png"), ImageGrid.png(rows.subList(0, Math.min(2, count)), 2, 4));
        } finally {
            spark.stop();
            FileUtils.deleteDirectory(work.toFile());
        }
    }
}

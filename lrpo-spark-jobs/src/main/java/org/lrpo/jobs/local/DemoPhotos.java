package org.lrpo.jobs.local;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lrpo.core.align.AffineWarp;
import org.lrpo.core.align.FaceTemplate;
import org.lrpo.core.align.FivePoints;
import org.lrpo.core.align.SimilarityTransform;
import org.lrpo.core.degrade.Degradation;
import org.lrpo.core.degrade.DegradationPreset;
import org.lrpo.core.faces.Scene;
import org.lrpo.core.faces.SceneFace;
import org.lrpo.core.faces.SceneGenerator;
import org.lrpo.core.faces.SceneOptions;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.ImageDecodeException;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.core.train.ImageGrid;
import org.apache.spark.sql.SparkSession;
import org.lrpo.jobs.restore.RestoreJob;
import org.lrpo.jobs.restore.RestoreReport;
import org.lrpo.jobs.restore.RestoreSettings;
import org.lrpo.jobs.train.RunSpec;
import org.lrpo.rewards.metrics.Psnr;

/**
 * Whole photos for the demo's {@code restore} (see {@link #restore}): generated scenes of one to three people,
 * degraded as a whole with the run's seeded degradation.
 */
public final class DemoPhotos {
    /** Side of the photos. */
    public static final int SIDE = 224;
    /**
     * Typical side, in photo pixels, of a face's aligned crop (the face box is about 60 % of it): twice the demo
     * model's 32 px, as small as the detector still finds reliably once degraded.
     */
    static final int CROP_SIDE = 64;

    private DemoPhotos() {}

    /** The clean scenes {@code 0 .. count-1} of {@code seed}. */
    public static List<Scene> scenes(long seed, int count) {
        SceneOptions options = SceneOptions.defaults().withFaces(1, 3).withFaceSizes(36, 46)
                .withBorderCutProbability(0).withMaxRotation(15);
        List<Scene> scenes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            scenes.add(SceneGenerator.scene(seed, i, SIDE, SIDE, options));
        }
        return scenes;
    }

    /**
     * {@code scene}'s photo degraded with {@code preset} drawn for the side of a face crop, reproducibly from
     * {@code (seed, index)}: the downsampling factor (1 to 4 with the light preset) applies to the photo as it
     * would to a face of {@link #CROP_SIDE} px.
     */
    public static RgbImage degraded(Scene scene, DegradationPreset preset, long seed, int index) {
        return Degradation.applyWith(scene.photo(), Degradation.draw(preset, CROP_SIDE, seed, "demo-photo-" + index, 0));
    }

    /** Writes the degraded photos as {@code photo-<i>.png} into {@code dir}; returns them in order. */
    public static List<RgbImage> write(Path dir, List<Scene> scenes, DegradationPreset preset, long seed)
            throws IOException {
        Files.createDirectories(dir);
        List<RgbImage> photos = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            RgbImage lq = degraded(scenes.get(i), preset, seed, i);
            Files.write(dir.resolve(name(i)), ImageCodec.encodePng(lq));
            photos.add(lq);
        }
        return photos;
    }

    /** PSNR against the clean scenes, of whole photos and of the aligned crops of their faces. */
    public record Fidelity(double photoPsnr, double facePsnr, int faces) {}

    /**
     * How close {@code photos} are to the clean {@code scenes}: mean PSNR over whole photos, and over every
     * face's aligned crop at {@link #CROP_SIDE}, about its own size in the photo (aligned with the scene's true
     * five points, so the measure does not depend on the detector).
     */
    public static Fidelity fidelity(List<Scene> scenes, List<RgbImage> photos) {
        int resolution = CROP_SIDE;
        FaceTemplate template = FaceTemplate.ffhq(resolution);
        double photo = 0;
        double face = 0;
        int faces = 0;
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            photo += Psnr.compute(photos.get(i), scene.photo());
            for (SceneFace f : scene.faces()) {
                SimilarityTransform t = template.photoToCrop(new FivePoints(
                        new double[] {f.leftEye().x(), f.rightEye().x(), f.noseTip().x(), f.mouthLeft().x(), f.mouthRight().x()},
                        new double[] {f.leftEye().y(), f.rightEye().y(), f.noseTip().y(), f.mouthLeft().y(), f.mouthRight().y()}));
                face += Psnr.compute(AffineWarp.warp(photos.get(i), t, resolution, resolution),
                        AffineWarp.warp(scene.photo(), t, resolution, resolution));
                faces++;
            }
        }
        return new Fidelity(photo / scenes.size(), faces == 0 ? Double.NaN : face / faces, faces);
    }

    /**
     * The demo's second use on whole photos: {@code count} generated scenes, degraded, written to
     * {@code root/photos}, restored by the {@code restore} job with the models of run folder {@code root} into
     * {@code root/restored-photos}; prints their PSNR against the clean scenes before and after, and writes
     * {@code root/before-after-photos.png} (degraded | restored | clean, the first two photos).
     */
    public static void restore(SparkSession spark, Config config, Path root, int count, PrintStream out)
            throws IOException, ImageDecodeException {
        LrpoSettings s = LrpoSettings.read(config);
        List<Scene> scenes = scenes(s.run().seed(), count);
        List<RgbImage> degraded = write(root.resolve("photos"), scenes, s.degradation().preset(), s.run().seed());
        SettingsReader r = new SettingsReader(config);
        RestoreSettings settings = RestoreSettings.read(r, s);
        r.throwIfInvalid();
        out.printf("%ndemo: restoring %d whole photos (%s) into %s%n", count, root.resolve("photos"),
                root.resolve("restored-photos"));
        RestoreReport report = RestoreJob.run(spark, RunSpec.of(config), settings,
                new RestoreJob.Source.Files(root.resolve("photos").toString()),
                root.resolve("restored-photos").toString(), root.toString(), false, out);
        out.println(report.summary());
        ImageCodec codec = ImageCodec.defaults();
        List<RgbImage> restored = new ArrayList<>();
        List<List<RgbImage>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = root.resolve("restored-photos").resolve(name(i));
            restored.add(codec.decode(Files.readAllBytes(file), file.toString()));
            rows.add(List.of(degraded.get(i), restored.get(i), scenes.get(i).photo()));
        }
        Fidelity before = fidelity(scenes, degraded);
        Fidelity after = fidelity(scenes, restored);
        out.printf("whole photos against the clean scenes: PSNR %.2f dB degraded -> %.2f dB restored; their %d faces "
                + "(aligned crops): %.2f dB -> %.2f dB%n", before.photoPsnr(), after.photoPsnr(), before.faces(),
                before.facePsnr(), after.facePsnr());
        Files.write(root.resolve("before-after-photos.png"), ImageGrid.png(rows.subList(0, Math.min(2, count)), 2, 4));
    }

    public static String name(int index) {
        return String.format("photo-%d.png", index);
    }
}

package org.lrpo.jobs.restore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lrpo.core.align.AffineWarp;
import org.lrpo.core.align.FaceTemplate;
import org.lrpo.core.align.FeatheredPaste;
import org.lrpo.core.align.SimilarityTransform;
import org.lrpo.core.image.Resizer;
import org.lrpo.core.image.RgbImage;

/**
 * Restores a whole photo as CodeFormer and GFPGAN do, with the two-stage model: find every face, align it
 * to the canonical five-point template at the model's resolution, restore the aligned crop (stage 1, then
 * diffusion), warp it back with the inverse transform and blend it in with a feathered mask; the rest of the
 * photo goes through stage 1 (tiled) unless {@code stage1-background} is off. With {@code aligned} the input
 * already is an aligned face crop (CodeFormer's {@code --has_aligned}): it is resized to the model's
 * resolution, restored and resized back. No Spark types: one per task.
 */
final class PhotoRestorer {
    private final RestoreSettings settings;
    private final FaceTemplate template;
    private final int resolution;
    private final RestorationChain chain;
    private final FaceFinder finder;
    private final CropMetrics metrics;

    PhotoRestorer(RestoreSettings settings, int resolution, RestorationChain chain, FaceFinder finder,
                  CropMetrics metrics) {
        this.settings = settings;
        this.resolution = resolution;
        this.template = FaceTemplate.ffhq(resolution);
        this.chain = chain;
        this.finder = finder;
        this.metrics = metrics;
    }

    /** @param key names the photo's noise (its content hash): the same photo restores the same way in every run */
    RestoredPhoto restore(RgbImage photo, String key, boolean aligned) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Clock clock = new Clock(seconds);
        RgbImage input = settings.upscale() == 1 ? photo : Resizer.resize(photo, photo.width() * settings.upscale(),
                photo.height() * settings.upscale(), Resizer.Filter.BICUBIC);
        clock.lap("upscale");
        return aligned ? restoreAligned(input, key, clock, seconds) : restoreWhole(input, key, clock, seconds);
    }

    private RestoredPhoto restoreAligned(RgbImage crop, String key, Clock clock, Map<String, Double> seconds) {
        boolean resize = crop.width() != resolution || crop.height() != resolution;
        RgbImage lq = resize ? Resizer.resize(crop, resolution, resolution, Resizer.Filter.BICUBIC) : crop;
        clock.lap("align");
        RgbImage restored = chain.restoreFaces(List.of(lq), List.of(key + "#0")).get(0);
        clock.lap("diffusion");
        FaceOutcome face = measured(0, 0, crop.width(), crop.height(), 1.0, new double[10], lq, restored, clock);
        RgbImage out = resize ? Resizer.resize(restored, crop.width(), crop.height(), Resizer.Filter.BICUBIC) : restored;
        clock.lap("paste");
        return new RestoredPhoto(out, List.of(face), seconds);
    }

    private RestoredPhoto restoreWhole(RgbImage photo, String key, Clock clock, Map<String, Double> seconds) {
        RgbImage canvas = settings.stage1Background() ? chain.stage1(photo) : photo;
        clock.lap("stage1");
        // Faces are found on stage 1's cleaner photo when there is one (as DiffBIR does), and cut from the input:
        // the chain runs stage 1 on each crop itself.
        List<FaceFinder.Found> found = finder.find(canvas, settings.detectorInputSize(), settings.detectorThreshold(),
                settings.detectorFrame());
        clock.lap("detect");
        List<SimilarityTransform> transforms = new ArrayList<>();
        List<RgbImage> crops = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            FaceFinder.Found f = found.get(i);
            SimilarityTransform toCrop = template.photoToCrop(f.points());
            transforms.add(toCrop);
            // The crop's side in photo pixels over the model's: how far a restored face would be enlarged.
            double upscale = 1.0 / toCrop.scale();
            if (f.box().width() < settings.minFacePx()) {
                skipped.add(FaceOutcome.TOO_SMALL);
            } else if (upscale > settings.maxFaceUpscale()) {
                skipped.add(FaceOutcome.TOO_LARGE_FOR_MODEL);
            } else {
                skipped.add(null);
                crops.add(alignedCrop(photo, toCrop));
                keys.add(key + "#" + i);
            }
        }
        clock.lap("align");
        List<RgbImage> restored = crops.isEmpty() ? List.of() : chain.restoreFaces(crops, keys);
        clock.lap("diffusion");
        int feather = (int) Math.round(settings.feather() * resolution);
        int next = 0;
        List<int[]> pasted = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            if (skipped.get(i) == null) {
                canvas = FeatheredPaste.paste(canvas, restored.get(next++), transforms.get(i), feather);
            }
        }
        clock.lap("paste");
        List<FaceOutcome> faces = new ArrayList<>(found.size());
        next = 0;
        for (int i = 0; i < found.size(); i++) {
            FaceFinder.Found f = found.get(i);
            double[] points = new double[10];
            for (int k = 0; k < 5; k++) {
                points[2 * k] = f.points().x(k);
                points[2 * k + 1] = f.points().y(k);
            }
            if (skipped.get(i) == null) {
                faces.add(measured(f.box().x(), f.box().y(), f.box().width(), f.box().height(), f.box().score(), points,
                        crops.get(next), restored.get(next), clock));
                next++;
            } else {
                faces.add(new FaceOutcome(f.box().x(), f.box().y(), f.box().width(), f.box().height(),
                        f.box().score(), points, false, skipped.get(i), Double.NaN, Double.NaN, Double.NaN));
            }
        }
        clock.lap("metrics");
        return new RestoredPhoto(canvas, faces, seconds);
    }

    /**
     * The face's crop at the model's resolution. A face larger than that is warped at a whole multiple of the
     * resolution and shrunk with the antialiased resize: a bare bilinear warp would alias its noise and JPEG
     * blocks into the crop.
     */
    private RgbImage alignedCrop(RgbImage photo, SimilarityTransform toCrop) {
        int k = Math.max(1, (int) Math.round(1.0 / toCrop.scale()));
        if (k == 1) {
            return AffineWarp.warp(photo, toCrop, resolution, resolution);
        }
        // Output pixel i of the k-times larger crop lies at k i + (k - 1) / 2 in crop units, so its pixels
        // average onto the same centres as the direct warp's.
        double shift = (k - 1) / 2.0;
        SimilarityTransform larger = new SimilarityTransform(toCrop.a() * k, toCrop.b() * k, toCrop.tx() * k + shift,
                toCrop.ty() * k + shift);
        return Resizer.resize(AffineWarp.warp(photo, larger, resolution * k, resolution * k), resolution, resolution,
                Resizer.Filter.BICUBIC);
    }

    private FaceOutcome measured(double x, double y, double w, double h, double score, double[] points, RgbImage in,
                                 RgbImage out, Clock clock) {
        CropMetrics.Scores s = metrics.score(in, out);
        return new FaceOutcome(x, y, w, h, score, points, true, null, s.identityCosine(), s.niqeIn(), s.niqeOut());
    }

    /** Adds the time since the last lap to a phase. */
    private static final class Clock {
        private final Map<String, Double> seconds;
        private long last = System.nanoTime();

        Clock(Map<String, Double> seconds) {
            this.seconds = seconds;
        }

        void lap(String phase) {
            long now = System.nanoTime();
            seconds.merge(phase, (now - last) / 1e9, Double::sum);
            last = now;
        }
    }
}

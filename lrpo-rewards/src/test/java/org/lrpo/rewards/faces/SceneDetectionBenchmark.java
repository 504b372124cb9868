package org.lrpo.rewards.faces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lrpo.core.faces.Scene;
import org.lrpo.core.faces.SceneFace;
import org.lrpo.core.faces.SceneGenerator;
import org.lrpo.core.faces.SceneOptions;
import org.lrpo.core.image.RgbImage;

/**
 * The tiny face detector on generated multi-face photos: recall, precision and mean IoU of the matches at IoU 0.5
 * for faces of at least 48 px (protocol in {@link SceneDetections}), for each input size and score threshold,
 * and the milliseconds per photo of {@link TinyFaceDetector#detect} (generation not timed; the median and the
 * minimum over the scenes after two warm-up calls; on a shared machine the minimum is the cleaner figure). A main, not a test; the command and the numbers are in BENCHMARKS.md.
 *
 * <p>Arguments, all optional, {@code key=value}: {@code scenes=100}, {@code seed=20261203}, {@code size=512}
 * (photo side), {@code inputs=416,512,608} (an entry {@code 512+640} detects at both sizes and merges by NMS),
 * {@code thresholds=0.3,0.4,0.5,0.6}, {@code minFace=48};
 * {@code rotation=30} and {@code cut=0.25} override {@link SceneOptions#defaults()}'s maximum rotation and
 * border-cut probability, for ablations; {@code pad=0} frames the photo before detection ({@link SceneDetections#framed});
 * {@code look=0.5} is the threshold (one of the list) for
 * {@code details=true} (recall by face size, rotation and visible fraction, each miss, each candidate below the
 * threshold, each false alarm, at every input size) and for {@code png=DIR} (the first 12 scenes, or those
 * listed as {@code show=3,17}, with ground truth and the detections at the first input size).
 */
public final class SceneDetectionBenchmark {
    private SceneDetectionBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int count = Integer.parseInt(a.getOrDefault("scenes", "100"));
        long seed = Long.parseLong(a.getOrDefault("seed", "20261203"));
        int side = Integer.parseInt(a.getOrDefault("size", "512"));
        double minFace = Double.parseDouble(a.getOrDefault("minFace", "48"));
        String[] inputs = a.getOrDefault("inputs", "416,512,608").split(",");
        double[] thresholds = java.util.Arrays.stream(a.getOrDefault("thresholds", "0.3,0.4,0.5,0.6").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        // The threshold of the breakdown and of the PNGs.
        double look = Double.parseDouble(a.getOrDefault("look", "0.5"));
        boolean details = Boolean.parseBoolean(a.getOrDefault("details", "false"));
        String png = a.get("png");
        int pad = Integer.parseInt(a.getOrDefault("pad", "0"));

        SceneOptions options = SceneOptions.defaults();
        if (a.containsKey("rotation")) {
            options = options.withMaxRotation(Double.parseDouble(a.get("rotation")));
        }
        if (a.containsKey("cut")) {
            options = options.withBorderCutProbability(Double.parseDouble(a.get("cut")));
        }
        long t0 = System.nanoTime();
        List<Scene> scenes = new ArrayList<>();
        int faces = 0;
        int counting = 0;
        for (int i = 0; i < count; i++) {
            Scene s = SceneGenerator.scene(seed, i, side, side, options);
            scenes.add(s);
            faces += s.faces().size();
            counting += (int) s.faces().stream().filter(f -> SceneDetections.counts(f, minFace)).count();
        }
        System.out.printf("%d scenes %dx%d (seed %d, %s): %d faces, %d of them >= %.0f px and at least half visible; "
                + "generated in %.0f ms per scene%n", count, side, side, seed, options, faces, counting, minFace,
                (System.nanoTime() - t0) / 1e6 / count);
        double lowest = java.util.Arrays.stream(thresholds).min().orElseThrow();
        System.out.println();
        System.out.println("| input | threshold | recall | precision | mean IoU | TP | FP | missed | ms/photo median (min) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        try (TinyFaceDetector detector = TinyFaceDetector.load()) {
            for (String input : inputs) {
                // Greedy NMS keeps the same boxes above t whether it ran from t or from a lower threshold, so
                // one pass at the lowest threshold serves every threshold.
                detect(detector, scenes.get(0).photo(), input, lowest, pad);
                detect(detector, scenes.get(0).photo(), input, lowest, pad);
                List<List<FaceBox>> found = new ArrayList<>();
                double[] ms = new double[scenes.size()];
                for (int i = 0; i < scenes.size(); i++) {
                    long s = System.nanoTime();
                    found.add(detect(detector, scenes.get(i).photo(), input, lowest, pad));
                    ms[i] = (System.nanoTime() - s) / 1e6;
                }
                java.util.Arrays.sort(ms);
                double median = ms[ms.length / 2];
                double fastest = ms[0];
                for (double t : thresholds) {
                    SceneDetections.Tally tally = new SceneDetections.Tally();
                    for (int i = 0; i < scenes.size(); i++) {
                        SceneDetections.score(scenes.get(i), above(found.get(i), t), minFace, 0.5, tally, "scene " + i);
                    }
                    System.out.printf("| %s | %.2f | %.3f | %.3f | %.3f | %d | %d | %d | %.0f (%.0f) |%n", input, t,
                            tally.recall(), tally.precision(), tally.meanIou(), tally.truePositives,
                            tally.falsePositives, tally.missed, median, fastest);
                    if (Math.abs(t - look) < 1e-9) {
                        System.out.printf("  input %s, threshold %.2f: matched boxes' %s%n", input, t, tally.bias());
                    }
                    if (details && Math.abs(t - look) < 1e-9) {
                        breakdown(scenes, found, minFace, input, look);
                    }
                }
                if (png != null && input.equals(inputs[0])) {
                    int[] show = a.containsKey("show")
                            ? java.util.Arrays.stream(a.get("show").split(",")).mapToInt(Integer::parseInt).toArray()
                            : java.util.stream.IntStream.range(0, Math.min(12, scenes.size())).toArray();
                    for (int i : show) {
                        SceneDetections.writePng(scenes.get(i), above(found.get(i), look), minFace,
                                Path.of(png, String.format("scene-%03d.png", i)));
                    }
                }
            }
        }
    }

    /** @param input one input size, or several joined by {@code +} (merged by NMS) */
    private static List<FaceBox> detect(TinyFaceDetector detector, RgbImage photo, String input, double threshold,
            int pad) {
        FramedFaceDetector framed = new FramedFaceDetector(detector,
                (double) pad / Math.max(photo.width(), photo.height()));
        List<FaceBox> all = new ArrayList<>();
        for (String size : input.split("\\+")) {
            all.addAll(framed.detect(photo, Integer.parseInt(size), threshold));
        }
        return input.contains("+") ? TinyFaceDetector.nonMaxSuppression(all) : all;
    }

    static List<FaceBox> above(List<FaceBox> boxes, double threshold) {
        return boxes.stream().filter(b -> b.score() > threshold).toList();
    }

    /** Recall by size, rotation and visibility; the misses and false alarms; mean signed box offsets. */
    private static void breakdown(List<Scene> scenes, List<List<FaceBox>> found, double minFace, String input,
            double threshold) {
        double[][] bins = {{48, 64}, {64, 96}, {96, 1e9}};
        double[][] rot = {{0, 10}, {10, 20}, {20, 90}};
        int[][] sizeCounts = new int[bins.length][2];
        int[][] rotCounts = new int[rot.length][2];
        int[][] cutCounts = new int[2][2];
        double[][] vis = {{0.5, 0.7}, {0.7, 0.9}, {0.9, 0.999}, {0.999, 2}};
        int[][] visCounts = new int[vis.length][2];
        SceneDetections.Tally all = new SceneDetections.Tally();
        for (int i = 0; i < scenes.size(); i++) {
            Scene s = scenes.get(i);
            List<FaceBox> det = above(found.get(i), threshold);
            SceneDetections.score(s, det, minFace, 0.5, all, "scene " + i);
            for (SceneFace f : s.faces()) {
                if (!SceneDetections.counts(f, minFace)) {
                    continue;
                }
                FaceBox gt = SceneDetections.clip(f.x(), f.y(), f.width(), f.height(), s.photo().width(),
                        s.photo().height());
                FaceBox best = null;
                for (FaceBox d : found.get(i)) {
                    if (best == null || d.iou(gt) > best.iou(gt)) {
                        best = d;
                    }
                }
                if (best != null && best.score() <= threshold && best.iou(gt) >= 0.3) {
                    System.out.printf("  below threshold: scene %d, size %.0f px, rotation %.0f deg, visible %.2f: "
                            + "best candidate IoU %.2f, score %.2f%n", i, f.size(), f.rotationDegrees(),
                            f.visibleFraction(), best.iou(gt), best.score());
                }
            }
            for (SceneFace f : s.faces()) {
                if (!SceneDetections.counts(f, minFace)) {
                    continue;
                }
                FaceBox gt = SceneDetections.clip(f.x(), f.y(), f.width(), f.height(), s.photo().width(),
                        s.photo().height());
                boolean hit = det.stream().anyMatch(d -> SceneDetections.clip(d.x(), d.y(), d.width(), d.height(),
                        s.photo().width(), s.photo().height()).iou(gt) >= 0.5);
                for (int b = 0; b < bins.length; b++) {
                    if (f.size() >= bins[b][0] && f.size() < bins[b][1]) {
                        sizeCounts[b][0]++;
                        sizeCounts[b][1] += hit ? 1 : 0;
                    }
                }
                double r = Math.abs(f.rotationDegrees());
                for (int b = 0; b < rot.length; b++) {
                    if (r >= rot[b][0] && r < rot[b][1]) {
                        rotCounts[b][0]++;
                        rotCounts[b][1] += hit ? 1 : 0;
                    }
                }
                for (int b = 0; b < vis.length; b++) {
                    if (f.visibleFraction() >= vis[b][0] && f.visibleFraction() < vis[b][1]) {
                        visCounts[b][0]++;
                        visCounts[b][1] += hit ? 1 : 0;
                    }
                }
                int c = f.visibleFraction() < 0.999 ? 1 : 0;
                cutCounts[c][0]++;
                cutCounts[c][1] += hit ? 1 : 0;
            }
        }
        System.out.printf("  input %s, threshold %.2f, by face size:", input, threshold);
        for (int b = 0; b < bins.length; b++) {
            System.out.printf(" %.0f-%s px %d/%d;", bins[b][0], bins[b][1] > 1e8 ? "" : String.format("%.0f", bins[b][1]),
                    sizeCounts[b][1], sizeCounts[b][0]);
        }
        System.out.printf("%n  by |rotation|:");
        for (int b = 0; b < rot.length; b++) {
            System.out.printf(" %.0f-%.0f deg %d/%d;", rot[b][0], Math.min(rot[b][1], 40), rotCounts[b][1], rotCounts[b][0]);
        }
        System.out.printf("%n  by visible fraction:");
        for (int b = 0; b < vis.length; b++) {
            System.out.printf(" %.1f-%.1f %d/%d;", vis[b][0], Math.min(1, vis[b][1]), visCounts[b][1], visCounts[b][0]);
        }
        System.out.printf("%n  whole faces %d/%d, cut or covered %d/%d%n", cutCounts[0][1], cutCounts[0][0],
                cutCounts[1][1], cutCounts[1][0]);
        all.misses.forEach(m -> System.out.println("  missed " + m));
        all.falseAlarms.forEach(m -> System.out.println("  false alarm " + m));
    }
}

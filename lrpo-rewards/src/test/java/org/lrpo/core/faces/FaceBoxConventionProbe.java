package org.lrpo.core.faces;

import java.util.ArrayList;
import java.util.List;
import org.lrpo.core.image.RgbImage;
import org.lrpo.rewards.faces.FaceBox;
import org.lrpo.rewards.faces.TinyFaceDetector;

/**
 * Measures where face-api's tiny face detector puts its box on generated faces, in {@link FaceLayout} units, to
 * define {@link SceneGenerator}'s ground-truth box ({@link GroundTruthBox}). A main, not a test: it lives in the
 * generator's package (in lrpo-rewards' test sources, because the detector lives there) to read the layout of each
 * face.
 *
 * <p>Scenes of one face each, fully inside the photo, no in-plane rotation beyond the head's own roll
 * (at most 7 degrees); each face is paired with its best-overlapping detection (IoU over 0.3 with the current
 * convention). The detection is mapped back into the face's layout: its centre through the inverse transform,
 * its half extents un-rotated by solving {@code ex² = a² cos² + b² sin², ey² = a² sin² + b² cos²}. Printed:
 * mean and spread of the box's half-width in units of the face half-width {@code w}, its top and bottom
 * relative to the eye line in units of the eye-to-chin distance, and its centre's offset across.
 *
 * <p>Also printed: the mean IoU of the matched detections with three boxes for rotated faces (run with
 * {@code maxRotation=30}): the bounds of the inscribed ellipse (the generator's), of the rotated rectangle's
 * corners, and the upright box unrotated.
 *
 * <p>Usage: {@code FaceBoxConventionProbe [scenes=200] [inputSize=416] [threshold=0.3] [maxRotation=0]}, with the
 * classpath of {@code SceneDetectionBenchmark} (BENCHMARKS.md). Results that set the convention are in
 * {@link GroundTruthBox}'s class doc.
 */
public final class FaceBoxConventionProbe {
    private FaceBoxConventionProbe() {}

    public static void main(String[] args) {
        int scenes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int inputSize = args.length > 1 ? Integer.parseInt(args[1]) : 416;
        double threshold = args.length > 2 ? Double.parseDouble(args[2]) : 0.3;
        double maxRotation = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        SceneOptions options = SceneOptions.defaults().withFaces(1, 1).withFaceSizes(48, 200)
                .withMaxRotation(maxRotation).withBorderCutProbability(0);
        long seed = 77L;
        List<double[]> rows = new ArrayList<>();
        int missed = 0;
        double iouSum = 0;
        double iouCorners = 0;
        double iouUpright = 0;
        try (TinyFaceDetector detector = TinyFaceDetector.load()) {
            for (int s = 0; s < scenes; s++) {
                Scene scene = SceneGenerator.scene(seed, s, 512, 512, options);
                List<ScenePerson> people = ScenePlacement.place(seed, s, 512, 512, options);
                SceneFace face = scene.faces().get(0);
                ScenePerson p = people.get(0);
                RgbImage photo = scene.photo();
                List<FaceBox> boxes = detector.detect(photo, inputSize, threshold);
                FaceBox gt = new FaceBox(face.x(), face.y(), face.width(), face.height(), 1);
                FaceBox best = boxes.stream().max((a, b) -> Double.compare(a.iou(gt), b.iou(gt))).orElse(null);
                if (best == null || best.iou(gt) < 0.3) {
                    missed++;
                    continue;
                }
                iouSum += best.iou(gt);
                java.awt.geom.AffineTransform t = p.layoutToPhoto();
                double scale = Math.hypot(t.getScaleX(), t.getShearY());
                double angle = Math.atan2(t.getShearY(), t.getScaleX());
                double c2 = Math.cos(angle) * Math.cos(angle);
                double s2 = Math.sin(angle) * Math.sin(angle);
                double ex = best.width() / 2;
                double ey = best.height() / 2;
                // Solve for the upright half extents a, b (in photo px), then to layout units.
                double det = c2 * c2 - s2 * s2;
                double a2 = (c2 * ex * ex - s2 * ey * ey) / det;
                double b2 = (c2 * ey * ey - s2 * ex * ex) / det;
                double a = Math.sqrt(Math.max(a2, 0)) / scale;
                double b = Math.sqrt(Math.max(b2, 0)) / scale;
                java.awt.geom.Point2D centre;
                try {
                    centre = t.inverseTransform(new java.awt.geom.Point2D.Double(best.x() + ex, best.y() + ey), null);
                } catch (java.awt.geom.NoninvertibleTransformException e) {
                    throw new IllegalStateException(e);
                }
                FaceLayout f = p.layout;
                // The other conventions for rotated faces: the bounds of the rotated rectangle's corners, and the
                // upright box (no growth with rotation), both about the same centre.
                java.awt.geom.Rectangle2D upright = GroundTruthBox.upright(f);
                java.awt.geom.Rectangle2D corners = t.createTransformedShape(upright).getBounds2D();
                double us = Math.sqrt(upright.getWidth() * upright.getHeight()) * scale;
                double uw = upright.getWidth() * scale;
                double uh = upright.getHeight() * scale;
                iouCorners += best.iou(new FaceBox(corners.getX(), corners.getY(), corners.getWidth(), corners.getHeight(), 1));
                iouUpright += best.iou(new FaceBox(face.centreX() - uw / 2, face.centreY() - uh / 2, uw, uh, 1));
                double length = f.chinY - FaceLayout.EYE_LINE;
                rows.add(new double[] {
                    a / f.w,
                    (FaceLayout.EYE_LINE - (centre.getY() - b)) / length,
                    (centre.getY() + b - FaceLayout.EYE_LINE) / length,
                    (centre.getX() - FaceLayout.CENTRE) / f.w,
                    best.iou(gt), face.size(), best.score(),
                    (centre.getX() - FaceLayout.CENTRE) / f.w - Math.sin(f.yaw),
                    f.yaw,
                });
            }
        }
        System.out.printf("mean IoU: inscribed-ellipse bounds %.3f, rotated-corner bounds %.3f, unrotated box %.3f%n",
                iouSum / rows.size(), iouCorners / rows.size(), iouUpright / rows.size());
        String[] names = {"half-width / w", "top above eye line / L", "bottom below eye line / L",
            "centre x offset / w", "IoU with current GT", "face size px", "score", "centre offset - sin(yaw)", "yaw"};
        System.out.printf("input %d, threshold %.2f, max rotation %.0f: %d faces matched, %d missed, mean IoU %.3f%n",
                inputSize, threshold, maxRotation, rows.size(), missed, iouSum / Math.max(1, rows.size()));
        for (int k = 0; k < names.length; k++) {
            double sum = 0;
            double sq = 0;
            for (double[] r : rows) {
                sum += r[k];
                sq += r[k] * r[k];
            }
            double mean = sum / rows.size();
            System.out.printf("  %-28s mean %.3f  sd %.3f%n", names[k], mean, Math.sqrt(Math.max(0, sq / rows.size() - mean * mean)));
        }
        double[] edges = {0, 80, 130, 1e9};
        for (int bin = 0; bin < 3; bin++) {
            double[] sum = new double[3];
            int n = 0;
            for (double[] r : rows) {
                if (r[5] >= edges[bin] && r[5] < edges[bin + 1]) {
                    n++;
                    for (int k = 0; k < 3; k++) {
                        sum[k] += r[k];
                    }
                }
            }
            System.out.printf("  size %4.0f-%4.0f px: %3d faces, half-width %.3f, top %.3f, bottom %.3f%n", edges[bin],
                    Math.min(edges[bin + 1], 999), n, sum[0] / n, sum[1] / n, sum[2] / n);
        }
        // Regression of the centre offset on sin(yaw): does the box follow the turned features?
        double sxx = 0;
        double sxy = 0;
        for (double[] r : rows) {
            double x = Math.sin(r[8]);
            sxx += x * x;
            sxy += x * r[3];
        }
        System.out.printf("  centre offset / w ~ %.3f sin(yaw)%n", sxy / sxx);
    }
}

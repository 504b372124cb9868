package org.lrpo.rewards.faces;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.lrpo.core.faces.Scene;
import org.lrpo.core.faces.SceneFace;
import org.lrpo.core.image.RgbImage;

/**
 * Scores a face detector's boxes against a {@link Scene}'s ground truth, the protocol of
 * {@link SceneDetectionTest} and {@link SceneDetectionBenchmark}.
 *
 * <p>A face counts when its size ({@link SceneFace#size}, the box side before rotation) is at least
 * {@code minSize} px and at least half of its face region is visible ({@link SceneFace#visibleFraction}: cut by
 * the border or covered by another person). Other faces are "don't care": a detection on one is neither a true
 * nor a false positive, and missing one costs nothing. Both boxes are clipped to the photo before the IoU, since
 * no detector can box what lies outside it. Detections are taken best score first; each takes the unmatched
 * counting face it overlaps most with IoU at least {@code iouThreshold} (a true positive); failing that it is
 * ignored if it overlaps a don't-care face (or an already matched face) that much, else it is a false positive.
 */
final class SceneDetections {
    private SceneDetections() {}

    /** Counts over one or more photos. */
    static final class Tally {
        int truePositives;
        int falsePositives;
        int missed;
        int ignored;
        int counted;
        int dontCare;
        double iouSum;
        /** Sums over matches of the detection's offset from the truth: centre (in truth widths and heights). */
        double dxSum;
        double dySum;
        /** Sums over matches of log(detection size / truth size), width and height. */
        double logWidthSum;
        double logHeightSum;
        final List<String> misses = new ArrayList<>();
        final List<String> falseAlarms = new ArrayList<>();

        double recall() {
            return counted == 0 ? 1 : truePositives / (double) counted;
        }

        double precision() {
            int detections = truePositives + falsePositives;
            return detections == 0 ? 1 : truePositives / (double) detections;
        }

        double meanIou() {
            return truePositives == 0 ? 0 : iouSum / truePositives;
        }

        /** Mean offsets and size ratios of matched boxes: a box convention mismatch shows here as a bias. */
        String bias() {
            int n = Math.max(1, truePositives);
            return String.format("centre offset (%+.3f, %+.3f) truth sizes, width x%.3f, height x%.3f", dxSum / n,
                    dySum / n, Math.exp(logWidthSum / n), Math.exp(logHeightSum / n));
        }
    }

    static boolean counts(SceneFace f, double minSize) {
        return f.size() >= minSize && f.visibleFraction() >= 0.5;
    }

    static FaceBox clip(double x, double y, double w, double h, int width, int height) {
        double x0 = Math.max(0, x);
        double y0 = Math.max(0, y);
        double x1 = Math.min(width, x + w);
        double y1 = Math.min(height, y + h);
        return new FaceBox(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0), 1);
    }

    /** Adds one photo's detections to {@code tally}; {@code label} names the photo in the miss lists. */
    static void score(Scene scene, List<FaceBox> detections, double minSize, double iouThreshold, Tally tally,
            String label) {
        int width = scene.photo().width();
        int height = scene.photo().height();
        List<SceneFace> faces = scene.faces();
        List<FaceBox> truth = new ArrayList<>();
        boolean[] counting = new boolean[faces.size()];
        boolean[] matched = new boolean[faces.size()];
        for (int i = 0; i < faces.size(); i++) {
            SceneFace f = faces.get(i);
            truth.add(clip(f.x(), f.y(), f.width(), f.height(), width, height));
            counting[i] = counts(f, minSize);
            if (counting[i]) {
                tally.counted++;
            } else {
                tally.dontCare++;
            }
        }
        List<FaceBox> sorted = new ArrayList<>(detections);
        sorted.sort(Comparator.comparingDouble(FaceBox::score).reversed());
        for (FaceBox d : sorted) {
            FaceBox dc = clip(d.x(), d.y(), d.width(), d.height(), width, height);
            int best = -1;
            double bestIou = iouThreshold;
            boolean overlapsOther = false;
            for (int i = 0; i < faces.size(); i++) {
                double iou = dc.iou(truth.get(i));
                if (iou < iouThreshold) {
                    continue;
                }
                if (counting[i] && !matched[i]) {
                    if (iou >= bestIou) {
                        bestIou = iou;
                        best = i;
                    }
                } else {
                    overlapsOther = true;
                }
            }
            if (best >= 0) {
                matched[best] = true;
                tally.truePositives++;
                tally.iouSum += bestIou;
                FaceBox t = truth.get(best);
                tally.dxSum += (dc.x() + dc.width() / 2 - t.x() - t.width() / 2) / t.width();
                tally.dySum += (dc.y() + dc.height() / 2 - t.y() - t.height() / 2) / t.height();
                tally.logWidthSum += Math.log(dc.width() / t.width());
                tally.logHeightSum += Math.log(dc.height() / t.height());
            } else if (overlapsOther) {
                tally.ignored++;
            } else {
                tally.falsePositives++;
                tally.falseAlarms.add(String.format("%s: box (%.0f, %.0f, %.0f x %.0f) score %.2f", label, d.x(), d.y(),
                        d.width(), d.height(), d.score()));
            }
        }
        for (int i = 0; i < faces.size(); i++) {
            if (counting[i] && !matched[i]) {
                tally.missed++;
                SceneFace f = faces.get(i);
                double bestIou = 0;
                for (FaceBox d : detections) {
                    bestIou = Math.max(bestIou, clip(d.x(), d.y(), d.width(), d.height(), width, height).iou(truth.get(i)));
                }
                tally.misses.add(String.format("%s: face %d, size %.0f px, rotation %.0f deg, visible %.2f, "
                        + "best IoU of any detection %.2f", label, i, f.size(), f.rotationDegrees(), f.visibleFraction(),
                        bestIou));
            }
        }
    }

    /** The detector on the photo framed by {@code pad} px (see {@link FramedFaceDetector}). */
    static List<FaceBox> framed(TinyFaceDetector detector, RgbImage photo, int inputSize, double threshold, int pad) {
        double frame = (double) pad / Math.max(photo.width(), photo.height());
        return new FramedFaceDetector(detector, frame).detect(photo, inputSize, threshold);
    }

    /** The photo with ground truth (green: counts, grey: don't care) and detections (red, with score). */
    static void writePng(Scene scene, List<FaceBox> detections, double minSize, Path file) throws IOException {
        BufferedImage image = toBuffered(scene.photo());
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            g.setStroke(new BasicStroke(2f));
            for (SceneFace f : scene.faces()) {
                g.setColor(counts(f, minSize) ? new Color(40, 255, 40) : new Color(200, 200, 200));
                g.draw(new java.awt.geom.Rectangle2D.Double(f.x(), f.y(), f.width(), f.height()));
                g.setColor(Color.CYAN);
                for (SceneFace.Point p : List.of(f.leftEye(), f.rightEye(), f.noseTip(), f.mouthLeft(), f.mouthRight())) {
                    g.fill(new java.awt.geom.Ellipse2D.Double(p.x() - 2, p.y() - 2, 4, 4));
                }
                g.setColor(counts(f, minSize) ? new Color(40, 255, 40) : new Color(200, 200, 200));
                g.drawString(String.format("%.0fpx %.0f\u00b0 v%.2f", f.size(), f.rotationDegrees(), f.visibleFraction()),
                        (float) f.x() + 2, (float) f.bottom() + 12);
            }
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 3f}, 0f));
            g.setColor(Color.RED);
            for (FaceBox d : detections) {
                g.draw(new java.awt.geom.Rectangle2D.Double(d.x(), d.y(), d.width(), d.height()));
                g.drawString(String.format("%.2f", d.score()), (float) d.x() + 2, (float) d.y() - 3);
            }
        } finally {
            g.dispose();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    static BufferedImage toBuffered(RgbImage photo) {
        int w = photo.width();
        int h = photo.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = Math.round(photo.get(0, y, x) * 255);
                int gr = Math.round(photo.get(1, y, x) * 255);
                int b = Math.round(photo.get(2, y, x) * 255);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return image;
    }
}

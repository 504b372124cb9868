package org.lrpo.core.faces;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lrpo.core.random.Seeds;

/**
 * Who is in a {@link SceneGenerator} photo and where: the number of faces, and each face's identity, appearance,
 * size, rotation and centre, with head areas kept from overlapping more than the options allow.
 */
final class ScenePlacement {
    private static final int PLACEMENT_ATTEMPTS = 60;
    private static final double SHRINK = 0.8;
    /** A face's head area, for the overlap check: its box grown by this factor about its centre. */
    private static final double HEAD_AREA = 1.3;

    private ScenePlacement() {}

    /**
     * The placed people of scene {@code sceneIndex} of {@code seed}, in the order they were drawn: the count from
     * {@code (seed, "scene-face-count", sceneIndex)}, face {@code k} from {@code (seed, "scene-face", sceneIndex,
     * k)}. A face that finds no free spot is shrunk and tried again, and left out below the smallest size.
     */
    static List<ScenePerson> place(long seed, long sceneIndex, int width, int height, SceneOptions o) {
        SplittableRandom countStream = Seeds.stream(seed, "scene-face-count", sceneIndex);
        int count = o.minFaces() + countStream.nextInt(o.maxFaces() - o.minFaces() + 1);
        List<ScenePerson> placed = new ArrayList<>();
        List<double[]> heads = new ArrayList<>();
        double logMin = Math.log(o.minFaceSize());
        double logMax = Math.log(o.maxFaceSize());
        for (int k = 0; k < count; k++) {
            SplittableRandom r = Seeds.stream(seed, "scene-face", sceneIndex, k);
            long identity = r.nextLong(o.identityCount());
            long variant = r.nextInt(o.variantCount());
            double size = Math.exp(logMin + (logMax - logMin) * r.nextDouble());
            double rotation = Math.toRadians(o.maxRotationDegrees() * (2 * r.nextDouble() - 1));
            boolean cut = r.nextDouble() < o.borderCutProbability();
            ScenePerson p = new ScenePerson(placed.size(), identity, variant, FaceIdentity.draw(seed, identity),
                    FaceAppearance.draw(seed, identity, variant), size, rotation);
            while (true) {
                double[] e = p.halfExtents();
                double[] spot = findSpot(r, e, width, height, cut, heads, o.maxOverlap());
                if (spot != null) {
                    p.cx = spot[0];
                    p.cy = spot[1];
                    placed.add(p);
                    heads.add(new double[] {spot[0], spot[1], HEAD_AREA * e[0], HEAD_AREA * e[1]});
                    break;
                }
                if (p.size * SHRINK < o.minFaceSize()) {
                    break; // no room even at the smallest size: leave this face out
                }
                p = p.resized(p.size * SHRINK);
            }
        }
        return placed;
    }

    /** A centre for a box of half extents {@code e}, or null when every attempt overlaps a placed head. */
    private static double[] findSpot(SplittableRandom r, double[] e, int width, int height, boolean cut,
            List<double[]> heads, double maxOverlap) {
        for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
            double cx = inside(r, e[0], width);
            double cy = inside(r, e[1], height);
            if (cut) {
                // 10-70% of the box outside one side of the photo.
                double outside = 0.1 + 0.6 * r.nextDouble();
                switch (r.nextInt(4)) {
                    case 0 -> cx = e[0] - outside * 2 * e[0];
                    case 1 -> cx = width - e[0] + outside * 2 * e[0];
                    case 2 -> cy = e[1] - outside * 2 * e[1];
                    default -> cy = height - e[1] + outside * 2 * e[1];
                }
            }
            double[] head = {cx, cy, HEAD_AREA * e[0], HEAD_AREA * e[1]};
            boolean free = true;
            for (double[] other : heads) {
                if (overlap(head, other) > maxOverlap) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return new double[] {cx, cy};
            }
        }
        return null;
    }

    /** A centre along one axis keeping a half extent {@code e} inside {@code [0, length]} (centred if it can't). */
    private static double inside(SplittableRandom r, double e, int length) {
        return length <= 2 * e ? length / 2.0 : e + (length - 2 * e) * r.nextDouble();
    }

    /** Intersection of two (cx, cy, ex, ey) boxes over the smaller one's area. */
    private static double overlap(double[] a, double[] b) {
        double w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0] - a[2], b[0] - b[2]);
        double h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1] - a[3], b[1] - b[3]);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        return w * h / Math.min(4 * a[2] * a[3], 4 * b[2] * b[3]);
    }
}

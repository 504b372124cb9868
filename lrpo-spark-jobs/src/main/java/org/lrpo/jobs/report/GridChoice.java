package org.lrpo.jobs.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.lrpo.core.random.Seeds;

/**
 * Which faces a model's grid shows: its best and worst {@code k} by a metric (ties by face id, faces without a
 * value left out), and {@code k} others drawn at random from a stream named by the run seed and the model, so a
 * re-run shows the same faces. Best and worst may overlap when a model has fewer than {@code 2k} faces.
 *
 * @param model the model
 * @param best face ids, best first
 * @param worst face ids, worst first
 * @param random face ids, in the order drawn
 */
record GridChoice(String model, List<String> best, List<String> worst, List<String> random) {

    static GridChoice of(FaceScores scores, String model, String metric, boolean higherIsBetter, int k, long seed) {
        List<String> faces = scores.faces(model);
        double[] v = scores.values(model, metric, faces);
        List<Integer> scored = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                scored.add(i);
            }
        }
        Comparator<Integer> better = Comparator.comparingDouble((Integer i) -> higherIsBetter ? -v[i] : v[i])
                .thenComparing(faces::get);
        List<String> best = scored.stream().sorted(better).limit(k).map(faces::get).toList();
        List<String> worst = scored.stream().sorted(better.reversed()).limit(k).map(faces::get).toList();
        SplittableRandom r = Seeds.stream(seed, "report-grid", Seeds.idCoordinate(model));
        List<String> pool = new ArrayList<>(faces);
        List<String> random = new ArrayList<>();
        while (random.size() < k && !pool.isEmpty()) {
            random.add(pool.remove(r.nextInt(pool.size())));
        }
        return new GridChoice(model, best, worst, random);
    }

    /** Every face the grid shows. */
    Set<String> faces() {
        Set<String> all = new LinkedHashSet<>(best);
        all.addAll(worst);
        all.addAll(random);
        return all;
    }
}

package org.lrpo.jobs.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The per-face rows of the claims experiment ({@code faces.csv}), indexed the way its statistics read them: a
 * variant's runs (a run being a (pretrain seed, LRPO seed)), its evaluated rounds, and {@code values[run][face]}
 * matrices whose faces are the same, in the same order, for every variant, which is what a paired
 * {@link org.lrpo.rewards.stats.SeedBootstrap} needs.
 */
public final class ClaimsRows {
    /** The key columns that start every row of {@code faces.csv}, in order; the metrics follow. */
    public static final List<String> KEYS = List.of("pretrain_seed", "variant", "seed", "round", "face_id");

    /** One row: key columns, then one value per metric. */
    public record FaceRow(long pretrainSeed, String variant, long seed, int round, String face, double[] values) {}

    private final List<String> metrics;
    private final List<FaceRow> rows;
    private final List<String> faces;

    public ClaimsRows(List<String> metrics, List<FaceRow> rows) {
        this.metrics = List.copyOf(metrics);
        this.rows = List.copyOf(rows);
        this.faces = new ArrayList<>(new TreeSet<>(rows.stream().map(FaceRow::face).toList()));
    }

    /**
     * Rows of {@code faces.csv} as read (header left out): {@link #KEYS}, then {@code metrics}.
     *
     * @throws NumberFormatException when a key or value is not a number
     */
    public static ClaimsRows parse(List<List<String>> records, List<String> metrics) {
        List<FaceRow> rows = new ArrayList<>();
        for (List<String> r : records) {
            double[] v = new double[metrics.size()];
            for (int m = 0; m < v.length; m++) {
                v[m] = Double.parseDouble(r.get(KEYS.size() + m));
            }
            rows.add(new FaceRow(Long.parseLong(r.get(0)), r.get(1), Long.parseLong(r.get(2)), Integer.parseInt(r.get(3)),
                    r.get(4), v));
        }
        return new ClaimsRows(metrics, rows);
    }

    public List<String> metrics() {
        return metrics;
    }

    /** The held-out faces, sorted: the columns of every matrix. */
    public List<String> faces() {
        return List.copyOf(faces);
    }

    /** Column of {@code metric} in {@link FaceRow#values()}; throws naming the metrics when there is none. */
    public int metric(String metric) {
        int i = metrics.indexOf(metric);
        if (i < 0) {
            throw new IllegalArgumentException("no metric " + metric + "; the rows have " + metrics);
        }
        return i;
    }

    /** The variants with rows: those of {@code order} first, in that order, then any other in the order first seen. */
    public List<String> variants(List<String> order) {
        List<String> variants = new ArrayList<>();
        order.stream().filter(this::has).forEach(variants::add);
        rows.stream().map(FaceRow::variant).distinct().filter(v -> !variants.contains(v)).forEach(variants::add);
        return variants;
    }

    public boolean has(String variant) {
        return rows.stream().anyMatch(r -> r.variant().equals(variant));
    }

    public int finalRound(String variant) {
        return rows.stream().filter(r -> r.variant().equals(variant)).mapToInt(FaceRow::round).max().orElse(0);
    }

    /** The rounds evaluated in any of the variant's runs, ascending. */
    public List<Integer> rounds(String variant) {
        return new ArrayList<>(new TreeSet<>(rows.stream().filter(r -> r.variant().equals(variant))
                .map(FaceRow::round).toList()));
    }

    public TreeSet<Long> pretrainSeeds(String variant) {
        return new TreeSet<>(rows.stream().filter(r -> r.variant().equals(variant)).map(FaceRow::pretrainSeed).toList());
    }

    /** The runs (pretrain seed, seed) of a variant, ordered: the rows of its matrices. */
    public List<List<Long>> runs(String variant) {
        return runs(variant, r -> true);
    }

    /** How many of the variant's runs have rows at {@code round}. */
    public int runsAt(String variant, int round) {
        return runs(variant, r -> r.round() == round).size();
    }

    private List<List<Long>> runs(String variant, Predicate<FaceRow> keep) {
        TreeMap<String, List<Long>> runs = new TreeMap<>();
        rows.stream().filter(r -> r.variant().equals(variant) && keep.test(r)).forEach(r -> runs.put(
                String.format("%020d-%020d", r.pretrainSeed(), r.seed()), List.of(r.pretrainSeed(), r.seed())));
        return new ArrayList<>(runs.values());
    }

    /**
     * values[run][face] of one metric, averaged over the rows {@code keep} accepts (e.g. one round, or every round
     * after 0); runs limited to {@code pretrainSeeds} when not null; NaN where a run has no such row for a face. At
     * least one row, all NaN when no run is left.
     */
    public double[][] cells(String variant, Set<Long> pretrainSeeds, Predicate<FaceRow> keep, int metric) {
        List<List<Long>> runs = runs(variant).stream()
                .filter(r -> pretrainSeeds == null || pretrainSeeds.contains(r.get(0))).toList();
        Map<List<Long>, Integer> runIndex = new LinkedHashMap<>();
        runs.forEach(r -> runIndex.put(r, runIndex.size()));
        Map<String, Integer> faceIndex = new LinkedHashMap<>();
        faces.forEach(f -> faceIndex.put(f, faceIndex.size()));
        double[][] sum = new double[Math.max(1, runs.size())][faces.size()];
        int[][] n = new int[sum.length][faces.size()];
        for (FaceRow r : rows) {
            Integer run = runIndex.get(List.of(r.pretrainSeed(), r.seed()));
            if (r.variant().equals(variant) && run != null && keep.test(r)) {
                int f = faceIndex.get(r.face());
                sum[run][f] += r.values()[metric];
                n[run][f]++;
            }
        }
        for (int i = 0; i < sum.length; i++) {
            for (int f = 0; f < faces.size(); f++) {
                sum[i][f] = n[i][f] == 0 ? Double.NaN : sum[i][f] / n[i][f];
            }
        }
        return sum;
    }
}

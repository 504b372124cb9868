package org.lrpo.jobs.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lrpo.core.random.Seeds;
import org.lrpo.rewards.stats.BootstrapInterval;
import org.lrpo.rewards.stats.SeedBootstrap;

/**
 * {@code table.md} of the claims experiment, from the per-face rows of {@code faces.csv} (every invocation's):
 * for each variant its final round's mean and bootstrap interval over (run, face) of every metric
 * ({@link SeedBootstrap}, a run being a (pretrain seed, LRPO seed)); paired differences against {@code lrpo} and
 * {@code supervised}, over the pre-training seeds both have; and, for claim 3, the held-out reward averaged over
 * the evaluated rounds (the area under the curve over its length), flat against lrpo.
 */
public final class ClaimsTable {
    /** The per-face rows: key columns, then one value per metric. */
    public record FaceRow(long pretrainSeed, String variant, long seed, int round, String face, double[] values) {}

    private final List<String> metrics;
    private final List<FaceRow> rows;
    private final List<String> faces;
    private final ExperimentSettings exp;

    public ClaimsTable(List<String> metrics, List<FaceRow> rows, ExperimentSettings exp) {
        this.metrics = List.copyOf(metrics);
        this.rows = List.copyOf(rows);
        this.faces = new ArrayList<>(new TreeSet<>(rows.stream().map(FaceRow::face).toList()));
        this.exp = exp;
    }

    /** Reads {@code faces.csv}: columns pretrain_seed, variant, seed, round, face_id, then the metrics. */
    public static ClaimsTable of(CsvTable faces, List<String> metrics, ExperimentSettings exp) throws java.io.IOException {
        List<FaceRow> rows = new ArrayList<>();
        for (List<String> r : faces.readAll()) {
            double[] v = new double[metrics.size()];
            for (int m = 0; m < v.length; m++) {
                v[m] = Double.parseDouble(r.get(5 + m));
            }
            rows.add(new FaceRow(Long.parseLong(r.get(0)), r.get(1), Long.parseLong(r.get(2)), Integer.parseInt(r.get(3)),
                    r.get(4), v));
        }
        return new ClaimsTable(metrics, rows, exp);
    }

    public String markdown(List<String> variantOrder) {
        List<String> variants = new ArrayList<>();
        variantOrder.stream().filter(v -> rows.stream().anyMatch(r -> r.variant().equals(v))).forEach(variants::add);
        rows.stream().map(FaceRow::variant).distinct().filter(v -> !variants.contains(v)).forEach(variants::add);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Held-out faces: %d. Each cell: mean [%.0f %% bootstrap interval] over (run, face), "
                + "runs = (pretrain seed, LRPO seed), at each variant's final evaluated round.%n%n", faces.size(),
                100 * exp.confidence()));
        header(sb, "variant | runs | round");
        for (String v : variants) {
            int round = finalRound(v);
            sb.append("| ").append(v).append(" | ").append(runs(v).size()).append(" | ").append(round).append(" |");
            for (int m = 0; m < metrics.size(); m++) {
                sb.append(' ').append(cell(SeedBootstrap.of(matrix(v, round, m, null), exp.confidence(), exp.resamples(),
                        random(v, metrics.get(m))), m)).append(" |");
            }
            sb.append('\n');
        }
        for (String ref : List.of("lrpo", "supervised")) {
            if (!variants.contains(ref)) {
                continue;
            }
            sb.append(String.format("%nPaired differences, variant − %s (final rounds; pretrain seeds both have):%n%n", ref));
            header(sb, "variant | pretrain seeds");
            for (String v : variants) {
                if (v.equals(ref)) {
                    continue;
                }
                TreeSet<Long> shared = pretrainSeeds(v);
                shared.retainAll(pretrainSeeds(ref));
                sb.append("| ").append(v).append(" | ").append(shared).append(" |");
                for (int m = 0; m < metrics.size(); m++) {
                    BootstrapInterval d = shared.isEmpty() ? null : SeedBootstrap.difference(
                            matrix(v, finalRound(v), m, shared), matrix(ref, finalRound(ref), m, shared),
                            exp.confidence(), exp.resamples(), random(v + "-" + ref, metrics.get(m)));
                    sb.append(' ').append(d == null ? "n/a" : cell(d, m)).append(" |");
                }
                sb.append('\n');
            }
        }
        int reward = metrics.indexOf("reward");
        if (reward >= 0) {
            sb.append(String.format("%nClaim 3: held-out reward averaged over the evaluated rounds after round 0 "
                    + "(area under the curve over its length):%n%n| variant | area | − lrpo |%n|---|---|---|%n"));
            for (String v : variants) {
                if (v.equals("supervised")) {
                    continue;
                }
                double[][] a = area(v, reward, null);
                String diff = "";
                if (!v.equals("lrpo") && variants.contains("lrpo")) {
                    TreeSet<Long> shared = pretrainSeeds(v);
                    shared.retainAll(pretrainSeeds("lrpo"));
                    diff = shared.isEmpty() ? "n/a" : cell(SeedBootstrap.difference(area(v, reward, shared),
                            area("lrpo", reward, shared), exp.confidence(), exp.resamples(), random(v + "-area", "lrpo")),
                            reward);
                }
                sb.append("| ").append(v).append(" | ").append(cell(SeedBootstrap.of(a, exp.confidence(),
                        exp.resamples(), random(v + "-area", "")), reward)).append(" | ").append(diff).append(" |\n");
            }
        }
        return sb.toString();
    }

    private void header(StringBuilder sb, String first) {
        sb.append("| ").append(first).append(" |");
        metrics.forEach(m -> sb.append(' ').append(m).append(" |"));
        sb.append('\n').append("|---".repeat(first.split("\\|").length)).append("|");
        metrics.forEach(m -> sb.append("---|"));
        sb.append('\n');
    }

    private String cell(BootstrapInterval b, int metric) {
        String f = switch (metrics.get(metric)) {
            case "psnr", "identity_degrees" -> "%.2f";
            case "lmd" -> "%.3f";
            default -> "%.4f";
        };
        return String.format(f + " [" + f + ", " + f + "]", b.mean(), b.low(), b.high());
    }

    private int finalRound(String variant) {
        return rows.stream().filter(r -> r.variant().equals(variant)).mapToInt(FaceRow::round).max().orElse(0);
    }

    private TreeSet<Long> pretrainSeeds(String variant) {
        return new TreeSet<>(rows.stream().filter(r -> r.variant().equals(variant)).map(FaceRow::pretrainSeed).toList());
    }

    /** The runs (pretrain seed, seed) of a variant, in order. */
    private List<List<Long>> runs(String variant) {
        TreeMap<String, List<Long>> runs = new TreeMap<>();
        rows.stream().filter(r -> r.variant().equals(variant)).forEach(r -> runs.put(
                String.format("%020d-%020d", r.pretrainSeed(), r.seed()), List.of(r.pretrainSeed(), r.seed())));
        return new ArrayList<>(runs.values());
    }

    /** values[run][face] of one metric at one round; runs limited to {@code pretrainSeeds} when given; NaN = missing. */
    private double[][] matrix(String variant, int round, int metric, java.util.Set<Long> pretrainSeeds) {
        return cells(variant, pretrainSeeds, r -> r.round() == round, metric);
    }

    /** values[run][face] of the mean over a run's evaluated rounds after 0 of one metric. */
    private double[][] area(String variant, int metric, java.util.Set<Long> pretrainSeeds) {
        return cells(variant, pretrainSeeds, r -> r.round() > 0, metric);
    }

    private double[][] cells(String variant, java.util.Set<Long> pretrainSeeds, java.util.function.Predicate<FaceRow> keep,
                             int metric) {
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

    private static SplittableRandom random(String a, String b) {
        return Seeds.stream(0, "claims-table", Seeds.idCoordinate(a), Seeds.idCoordinate(b));
    }
}

package org.lrpo.jobs.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.lrpo.core.random.Seeds;
import org.lrpo.rewards.stats.BootstrapInterval;
import org.lrpo.rewards.stats.SeedBootstrap;

/**
 * The claims experiment's table, from the per-face rows of {@code faces.csv} (every invocation's): for each variant
 * its final round's mean and bootstrap interval over (run, face) of every metric ({@link SeedBootstrap}, a run being
 * a (pretrain seed, LRPO seed)); paired differences against {@code lrpo} and {@code supervised}, over the
 * pre-training seeds both have; and, for claim 3, the held-out reward averaged over the evaluated rounds (the area
 * under the curve over its length), flat against lrpo. {@link #summary} gives the numbers, {@link #markdown} the
 * experiment's {@code table.md}.
 */
public final class ClaimsTable {
    public static final String SUPERVISED = "supervised";
    public static final String LRPO = "lrpo";
    public static final String REWARD = "reward";

    /**
     * Everything the table shows.
     *
     * @param faces held-out faces
     * @param confidence the intervals' level
     * @param metrics the metric columns, in order; every list of intervals below follows it
     * @param variants one row per variant with rows
     * @param comparisons variant − reference, for each of lrpo and supervised that has rows
     * @param areas claim 3, one row per trained variant (none when there is no reward column)
     */
    public record Summary(int faces, double confidence, List<String> metrics, List<VariantRow> variants,
                          List<Comparison> comparisons, List<Area> areas) {}

    /** A variant's runs, its final evaluated round, and per metric its mean and interval there. */
    public record VariantRow(String variant, int runs, int round, List<BootstrapInterval> values) {}

    /** Every other variant minus {@code reference}. */
    public record Comparison(String reference, List<Difference> differences) {}

    /**
     * {@code variant − reference} at both final rounds over the pretrain seeds both have; {@code values} (one per
     * metric) is empty when they share none.
     */
    public record Difference(String variant, TreeSet<Long> pretrainSeeds, List<BootstrapInterval> values) {}

    /**
     * Claim 3 for one variant: its mean held-out reward over the evaluated rounds after 0; {@code againstLrpo}
     * when it is compared with lrpo (it is not lrpo, and lrpo has rows), {@code minusLrpo} empty then when the
     * two share no pretrain seed.
     */
    public record Area(String variant, BootstrapInterval area, boolean againstLrpo,
                       Optional<BootstrapInterval> minusLrpo) {}

    private final ClaimsRows rows;
    private final double confidence;
    private final int resamples;

    public ClaimsTable(ClaimsRows rows, double confidence, int resamples) {
        this.rows = rows;
        this.confidence = confidence;
        this.resamples = resamples;
    }

    /** Reads {@code faces.csv}: columns pretrain_seed, variant, seed, round, face_id, then the metrics. */
    public static ClaimsTable of(CsvTable faces, List<String> metrics, ExperimentSettings exp) throws java.io.IOException {
        return new ClaimsTable(ClaimsRows.parse(faces.readAll(), metrics), exp.confidence(), exp.resamples());
    }

    public ClaimsRows rows() {
        return rows;
    }

    /** The table's numbers; variants of {@code variantOrder} first, then any other. */
    public Summary summary(List<String> variantOrder) {
        List<String> metrics = rows.metrics();
        List<String> variants = rows.variants(variantOrder);
        List<VariantRow> finals = new ArrayList<>();
        for (String v : variants) {
            int round = rows.finalRound(v);
            List<BootstrapInterval> values = new ArrayList<>();
            for (int m = 0; m < metrics.size(); m++) {
                values.add(interval(v, m, matrix(v, round, m, null)));
            }
            finals.add(new VariantRow(v, rows.runs(v).size(), round, values));
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (String ref : List.of(LRPO, SUPERVISED)) {
            if (!variants.contains(ref)) {
                continue;
            }
            List<Difference> differences = new ArrayList<>();
            for (String v : variants) {
                if (v.equals(ref)) {
                    continue;
                }
                TreeSet<Long> shared = shared(v, ref);
                List<BootstrapInterval> values = new ArrayList<>();
                for (int m = 0; !shared.isEmpty() && m < metrics.size(); m++) {
                    values.add(SeedBootstrap.difference(matrix(v, rows.finalRound(v), m, shared),
                            matrix(ref, rows.finalRound(ref), m, shared), confidence, resamples,
                            random(v + "-" + ref, metrics.get(m))));
                }
                differences.add(new Difference(v, shared, values));
            }
            comparisons.add(new Comparison(ref, differences));
        }
        return new Summary(rows.faces().size(), confidence, metrics, finals, comparisons, areas(variants));
    }

    private List<Area> areas(List<String> variants) {
        int reward = rows.metrics().indexOf(REWARD);
        List<Area> areas = new ArrayList<>();
        if (reward < 0) {
            return areas;
        }
        for (String v : variants) {
            if (v.equals(SUPERVISED)) {
                continue;
            }
            BootstrapInterval area = SeedBootstrap.of(area(v, reward, null), confidence, resamples,
                    random(v + "-area", ""));
            boolean against = !v.equals(LRPO) && variants.contains(LRPO);
            Optional<BootstrapInterval> diff = Optional.empty();
            TreeSet<Long> shared = shared(v, LRPO);
            if (against && !shared.isEmpty()) {
                diff = Optional.of(SeedBootstrap.difference(area(v, reward, shared), area(LRPO, reward, shared),
                        confidence, resamples, random(v + "-area", LRPO)));
            }
            areas.add(new Area(v, area, against, diff));
        }
        return areas;
    }

    /** {@code table.md}. */
    public String markdown(List<String> variantOrder) {
        Summary s = summary(variantOrder);
        List<String> metrics = s.metrics();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Held-out faces: %d. Each cell: mean [%.0f %% bootstrap interval] over (run, face), "
                + "runs = (pretrain seed, LRPO seed), at each variant's final evaluated round.%n%n", s.faces(),
                100 * s.confidence()));
        header(sb, metrics, "variant | runs | round");
        for (VariantRow r : s.variants()) {
            sb.append("| ").append(r.variant()).append(" | ").append(r.runs()).append(" | ").append(r.round()).append(" |");
            for (int m = 0; m < metrics.size(); m++) {
                sb.append(' ').append(cell(r.values().get(m), metrics.get(m))).append(" |");
            }
            sb.append('\n');
        }
        for (Comparison c : s.comparisons()) {
            sb.append(String.format("%nPaired differences, variant − %s (final rounds; pretrain seeds both have):%n%n",
                    c.reference()));
            header(sb, metrics, "variant | pretrain seeds");
            for (Difference d : c.differences()) {
                sb.append("| ").append(d.variant()).append(" | ").append(d.pretrainSeeds()).append(" |");
                for (int m = 0; m < metrics.size(); m++) {
                    sb.append(' ').append(d.values().isEmpty() ? "n/a" : cell(d.values().get(m), metrics.get(m)))
                            .append(" |");
                }
                sb.append('\n');
            }
        }
        if (metrics.contains(REWARD)) {
            sb.append(String.format("%nClaim 3: held-out reward averaged over the evaluated rounds after round 0 "
                    + "(area under the curve over its length):%n%n| variant | area | − lrpo |%n|---|---|---|%n"));
            for (Area a : s.areas()) {
                String diff = !a.againstLrpo() ? "" : a.minusLrpo().map(d -> cell(d, REWARD)).orElse("n/a");
                sb.append("| ").append(a.variant()).append(" | ").append(cell(a.area(), REWARD)).append(" | ")
                        .append(diff).append(" |\n");
            }
        }
        return sb.toString();
    }

    /**
     * The mean of {@code cells} ([run][face]) of a variant's metric and its interval: the statistic and resampling
     * stream of the table's variant rows, so the same cells give the same interval wherever they are shown.
     */
    BootstrapInterval interval(String variant, int metric, double[][] cells) {
        return SeedBootstrap.of(cells, confidence, resamples, random(variant, rows.metrics().get(metric)));
    }

    private static void header(StringBuilder sb, List<String> metrics, String first) {
        sb.append("| ").append(first).append(" |");
        metrics.forEach(m -> sb.append(' ').append(m).append(" |"));
        sb.append('\n').append("|---".repeat(first.split("\\|").length)).append("|");
        metrics.forEach(m -> sb.append("---|"));
        sb.append('\n');
    }

    private static String cell(BootstrapInterval b, String metric) {
        String f = switch (metric) {
            case "psnr", "identity_degrees" -> "%.2f";
            case "lmd" -> "%.3f";
            default -> "%.4f";
        };
        return String.format(f + " [" + f + ", " + f + "]", b.mean(), b.low(), b.high());
    }

    private TreeSet<Long> shared(String variant, String reference) {
        TreeSet<Long> shared = rows.pretrainSeeds(variant);
        shared.retainAll(rows.pretrainSeeds(reference));
        return shared;
    }

    /** values[run][face] of one metric at one round; runs limited to {@code pretrainSeeds} when given; NaN = missing. */
    private double[][] matrix(String variant, int round, int metric, Set<Long> pretrainSeeds) {
        return rows.cells(variant, pretrainSeeds, r -> r.round() == round, metric);
    }

    /** values[run][face] of the mean over a run's evaluated rounds after 0 of one metric. */
    private double[][] area(String variant, int metric, Set<Long> pretrainSeeds) {
        return rows.cells(variant, pretrainSeeds, r -> r.round() > 0, metric);
    }

    private static SplittableRandom random(String a, String b) {
        return Seeds.stream(0, "claims-table", Seeds.idCoordinate(a), Seeds.idCoordinate(b));
    }
}

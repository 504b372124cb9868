package org.lrpo.jobs.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.lrpo.core.config.AdvantageWeighting;
import org.lrpo.core.config.RlSettings;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.train.TrainingPair;

/**
 * METHOD section 9 as ablations at small scale: one stage-1 restoration module and one supervised
 * checkpoint conditioned on it, then LRPO and each switch
 * turned off in turn, same seeds, same budget, evaluated on held-out faces.
 */
public final class AblationExperiment {

    /** One arm of the experiment: a name and how it changes the configured LRPO settings. */
    public record Variant(String name, UnaryOperator<RlSettings> apply) {}

    public static final List<Variant> VARIANTS = List.of(
            new Variant("LRPO", s -> s),
            new Variant("LRPO without likelihood regulariser", s -> s.withRegulariser(false)),
            new Variant("LRPO with flat advantage", s -> s.withWeighting(AdvantageWeighting.FLAT)));

    /** Every evaluation of the run: the baseline once, each variant once per seed. */
    public record Results(Evaluation baseline, Map<String, List<Evaluation>> variants) {}

    private final LocalPipeline pipeline;
    private final PrintStream out;

    public AblationExperiment(LocalPipeline pipeline, PrintStream out) {
        this.pipeline = pipeline;
        this.out = out;
    }

    public Results run(RlSettings base, List<Long> seeds, int heldOutFaces, Reward reward, Path dir)
            throws IOException {
        MetricsLog metrics = new MetricsLog(dir.resolve("metrics"));
        pipeline.trainStage1(dir.resolve("checkpoints/stage1"), metrics);
        List<TrainingPair> heldOut = pipeline.heldOut(heldOutFaces);
        List<RgbImage> truth = heldOut.stream().map(TrainingPair::hq).toList();
        Map<String, List<Evaluation>> variants = new LinkedHashMap<>();
        Evaluation baseline;
        try (ConditionalDenoiser policy = pipeline.newPolicy()) {
            ParameterSet supervised = pipeline.pretrain(policy, dir.resolve("checkpoints/pretrain"), metrics);
            baseline = Evaluation.of("supervised baseline", pipeline.restore(policy, heldOut), truth, reward);
            metrics.append("evaluation", baseline);
            for (long seed : seeds) {
                for (Variant v : VARIANTS) {
                    out.printf("%n== %s, seed %d ==%n", v.name(), seed);
                    LocalPipeline.load(policy, supervised);
                    pipeline.lrpo(policy, v.apply().apply(base), seed, reward, Optional.empty(), metrics);
                    Evaluation e = Evaluation.of(v.name(), pipeline.restore(policy, heldOut), truth, reward);
                    metrics.append("evaluation", Map.of("seed", seed, "evaluation", e));
                    variants.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(e);
                    out.printf("held-out reward %.4f (baseline %.4f), PSNR %.2f, SSIM %.4f%n", e.reward(),
                            baseline.reward(), e.psnr(), e.ssim());
                }
            }
        }
        Results results = new Results(baseline, variants);
        Files.writeString(dir.resolve("table.md"), markdown(results));
        return results;
    }

    /** The table of METHOD 9: mean +- std over seeds for every column. */
    public static String markdown(Results r) {
        List<String> components = new ArrayList<>(r.baseline().components().keySet());
        StringBuilder sb = new StringBuilder("| variant | composite reward |");
        components.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append(" PSNR (dB) | SSIM |\n|---|---|");
        components.forEach(c -> sb.append("---|"));
        sb.append("---|---|\n");
        row(sb, r.baseline().name(), List.of(r.baseline()), components);
        r.variants().forEach((name, evals) -> row(sb, name, evals, components));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, List<Evaluation> evals, List<String> components) {
        sb.append("| ").append(name).append(" | ").append(stat(evals.stream().mapToDouble(Evaluation::reward).toArray(), 4))
                .append(" |");
        for (String c : components) {
            sb.append(' ').append(stat(evals.stream().mapToDouble(e -> e.components().get(c)).toArray(), 4)).append(" |");
        }
        sb.append(' ').append(stat(evals.stream().mapToDouble(Evaluation::psnr).toArray(), 2)).append(" | ")
                .append(stat(evals.stream().mapToDouble(Evaluation::ssim).toArray(), 4)).append(" |\n");
    }

    private static String stat(double[] v, int digits) {
        double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
        if (v.length < 2) {
            return String.format("%." + digits + "f", mean);
        }
        double var = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1);
        return String.format("%." + digits + "f ± %." + digits + "f", mean, Math.sqrt(var));
    }
}

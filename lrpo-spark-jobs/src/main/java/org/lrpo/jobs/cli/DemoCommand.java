package org.lrpo.jobs.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.train.ImageGrid;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.jobs.local.Evaluation;
import org.lrpo.jobs.local.LocalPipeline;
import org.lrpo.jobs.local.MetricsLog;
import org.lrpo.rewards.reward.CompositeReward;
import org.lrpo.rewards.reward.RewardRegistry;
import org.lrpo.rewards.reward.RewardSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded default, end to end on this machine: supervised pre-training on generated faces, LRPO
 * rounds with the composite reward, checkpoints and JSON-lines metrics, and a before/after grid of
 * held-out faces (LQ | supervised | LRPO | GT). Sizes come from the profile (conf/local.conf).
 */
@Command(name = "demo", description = "The embedded default: generate faces, pre-train, run LRPO, write checkpoints, "
        + "metrics and a before/after grid of held-out faces.")
public final class DemoCommand extends JobCommand {

    @Option(names = "--eval-faces", paramLabel = "N", defaultValue = "8",
            description = "Held-out faces in the evaluation and the grid (default: ${DEFAULT-VALUE}).")
    int evalFaces;

    @Override
    protected String name() {
        return "demo";
    }

    @Override
    protected int run(JobContext context) throws Exception {
        if (evalFaces < 1 || evalFaces > 256) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--eval-faces must be in [1, 256], got " + evalFaces);
        }
        LrpoSettings s = context.settings();
        PrintStream out = System.out;
        Path root = Path.of(s.run().outputDir()).toAbsolutePath();
        Files.createDirectories(root);
        RewardSettings rewardSettings = RewardSettings.read(context.config());
        LocalPipeline pipeline = new LocalPipeline(s, context.config(), out);
        MetricsLog metrics = new MetricsLog(root.resolve("metrics"));
        long started = System.nanoTime();
        try (CompositeReward reward = RewardRegistry.builtIns().build().build(rewardSettings);
             ConditionalDenoiser policy = pipeline.newPolicy();
             ConditionalDenoiser supervised = pipeline.newPolicy()) {
            out.printf("policy: %,d parameters, %dx%d faces, %d DDIM steps; reward %s; output in %s%n",
                    policy.parameterCount(), s.model().resolution(), s.model().resolution(), s.sampler().steps(),
                    reward.componentNames(), root);
            ParameterSet pretrained = pipeline.pretrain(policy, root.resolve("checkpoints/pretrain"), metrics);
            LocalPipeline.load(supervised, pretrained);
            LocalPipeline.load(policy, pretrained);
            pipeline.lrpo(policy, s.rl(), s.run().seed(), reward, Optional.of(root.resolve("checkpoints/lrpo")), metrics);

            List<TrainingPair> heldOut = pipeline.heldOut(evalFaces);
            List<RgbImage> lq = heldOut.stream().map(TrainingPair::lq).toList();
            List<RgbImage> hq = heldOut.stream().map(TrainingPair::hq).toList();
            List<RgbImage> before = pipeline.restore(supervised, heldOut);
            List<RgbImage> after = pipeline.restore(policy, heldOut);
            List<List<RgbImage>> rows = new ArrayList<>();
            for (int i = 0; i < heldOut.size(); i++) {
                rows.add(List.of(lq.get(i), before.get(i), after.get(i), hq.get(i)));
            }
            Path grid = root.resolve("before-after.png");
            Files.write(grid, ImageGrid.png(rows, Math.max(1, 128 / s.model().resolution()), 4));
            List<Evaluation> evaluations = List.of(Evaluation.of("degraded input", lq, hq, reward),
                    Evaluation.of("supervised", before, hq, reward), Evaluation.of("LRPO", after, hq, reward));
            out.printf("%nheld-out faces (%d identities never trained on):%n", heldOut.size());
            for (Evaluation e : evaluations) {
                metrics.append("evaluation", e);
                StringBuilder parts = new StringBuilder();
                e.components().forEach((k, v) -> parts.append(String.format("  %s %.4f", k, v)));
                out.printf("  %-15s reward %.4f  PSNR %6.2f dB  SSIM %.4f |%s%n", e.name(), e.reward(), e.psnr(),
                        e.ssim(), parts);
            }
            out.printf("%ndemo finished in %s%n", org.lrpo.jobs.local.ProgressLine.format((System.nanoTime() - started) / 1e9));
            out.println("before/after grid (LQ | supervised | LRPO | GT): " + grid);
            out.println("metrics tables (JSON lines):                    " + root.resolve("metrics"));
            out.println("checkpoints (safetensors + manifest):           " + root.resolve("checkpoints"));
        }
        return ExitCodes.OK;
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.DemoCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new DemoCommand(), args));
    }
}

package org.lrpo.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.local.AblationExperiment;
import org.lrpo.jobs.local.LocalPipeline;
import org.lrpo.rewards.reward.CompositeReward;
import org.lrpo.rewards.reward.RewardRegistry;
import org.lrpo.rewards.reward.RewardSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * METHOD section 9 as ablations: one supervised checkpoint, then LRPO, LRPO without the likelihood
 * regulariser and LRPO with a flat advantage, for each seed, evaluated on held-out faces. Writes
 * {@code table.md} (mean +- std over seeds) and the metric tables under the output directory.
 */
@Command(name = "experiment", description = "The paper's claims as ablations (METHOD 9): supervised baseline vs LRPO, "
        + "LRPO without the likelihood regulariser and LRPO with flat advantage, on held-out faces.")
public final class ExperimentCommand extends JobCommand {

    @Option(names = "--seeds", split = ",", paramLabel = "S1,S2,...", defaultValue = "1,2,3",
            description = "LRPO seeds, one run per seed and variant (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--held-out", paramLabel = "N", defaultValue = "16",
            description = "Held-out faces evaluated (default: ${DEFAULT-VALUE}).")
    int heldOut;

    @Override
    protected java.util.Set<Section> sections() {
        return java.util.Set.of(Section.REWARD);
    }

    @Override
    protected String name() {
        return "experiment";
    }

    @Override
    protected int run(JobContext context) throws Exception {
        if (seeds.isEmpty() || heldOut < 1 || heldOut > 4096) {
            throw new BadInputException("--seeds needs at least one seed and --held-out must be in [1, 4096]");
        }
        LrpoSettings s = context.settings();
        Path dir = Path.of(s.run().outputDir()).toAbsolutePath();
        Files.createDirectories(dir);
        RewardSettings rewardSettings = RewardSettings.read(context.config());
        LocalPipeline pipeline = new LocalPipeline(s, context.config(), System.out);
        try (CompositeReward reward = RewardRegistry.builtIns().build().build(rewardSettings)) {
            AblationExperiment.Results results = new AblationExperiment(pipeline, System.out)
                    .run(s.rl(), seeds, heldOut, reward, dir);
            System.out.println();
            System.out.println(AblationExperiment.markdown(results));
            System.out.println("table: " + dir.resolve("table.md"));
        }
        return ExitCodes.OK;
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.ExperimentCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new ExperimentCommand(), args));
    }
}

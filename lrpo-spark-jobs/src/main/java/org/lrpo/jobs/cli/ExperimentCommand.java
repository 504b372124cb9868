package org.lrpo.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.local.ClaimVariant;
import org.lrpo.jobs.local.ClaimsExperiment;
import org.lrpo.jobs.local.ExperimentSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The paper's three claims as a paired experiment (METHOD section 9, {@link ClaimsExperiment}): per pre-training
 * seed one supervised checkpoint, then each variant from it with the same LRPO seeds, evaluated on held-out faces
 * during and after training. Resumes: runs already done are skipped. Writes {@code faces.csv}, {@code curves.csv}
 * and {@code table.md} under the output directory.
 */
@Command(name = "experiment", description = "The paper's claims (METHOD 9) as a paired experiment: variants of LRPO "
        + "from one supervised checkpoint per pre-training seed, same seeds, held-out curves, bootstrap intervals. "
        + "Resumes where an earlier invocation stopped.")
public final class ExperimentCommand extends JobCommand {

    @Option(names = "--variants", split = ",", paramLabel = "V1,V2,...",
            description = "Variants to run (default: all): supervised, lrpo, no-regulariser, regulariser-0.01, "
                    + "regulariser-0.1, flat, perception, perception-no-regulariser.")
    List<String> variants;

    @Option(names = "--seeds", split = ",", paramLabel = "S1,S2,...", defaultValue = "1,2,3,4,5",
            description = "LRPO seeds, one run per seed and variant (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--pretrain-seeds", split = ",", paramLabel = "P1,P2,...", defaultValue = "1",
            description = "Pre-training seeds: one supervised checkpoint each, every variant run from each "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Long> pretrainSeeds;

    @Override
    protected java.util.Set<Section> sections() {
        return java.util.Set.of(Section.REWARD, Section.EXPERIMENT);
    }

    @Override
    protected String name() {
        return "experiment";
    }

    @Override
    protected int run(JobContext context) throws Exception {
        List<ClaimVariant> chosen = new ArrayList<>();
        for (String name : variants == null ? ClaimVariant.ALL.stream().map(ClaimVariant::name).toList() : variants) {
            ClaimVariant v = ClaimVariant.named(name.trim()).orElseThrow(() -> new BadInputException(
                    "--variants: unknown variant '" + name + "'; known: "
                            + ClaimVariant.ALL.stream().map(ClaimVariant::name).toList()));
            if (!chosen.contains(v)) {
                chosen.add(v);
            }
        }
        if (seeds.isEmpty() || pretrainSeeds.isEmpty() || seeds.contains(ClaimsExperiment.NO_SEED)) {
            throw new BadInputException("--seeds and --pretrain-seeds need at least one seed each; LRPO seeds must not "
                    + "be " + ClaimsExperiment.NO_SEED + " (the supervised baseline's seed column)");
        }
        SettingsReader r = new SettingsReader(context.config());
        ExperimentSettings exp = ExperimentSettings.read(r);
        r.throwIfInvalid();
        for (ClaimVariant v : chosen) {
            // Every variant's settings are validated before any work starts.
            org.lrpo.rewards.reward.RewardSettings.read(v.apply(context.config()));
            LrpoSettings.read(v.apply(context.config()));
        }
        LrpoSettings s = context.settings();
        Path dir = Path.of(s.run().outputDir()).toAbsolutePath();
        ClaimsExperiment.Outcome o = new ClaimsExperiment(context.config(), s, exp, dir, System.out)
                .run(chosen, seeds, pretrainSeeds);
        System.out.println();
        System.out.println(o.table());
        System.out.printf("runs done: %d, already done (skipped): %d, supervised checkpoints trained: %d%n",
                o.runsDone(), o.runsSkipped(), o.pretrainsTrained());
        System.out.println("table: " + dir.resolve("table.md") + "; rows: " + dir.resolve("faces.csv") + ", "
                + dir.resolve("curves.csv"));
        return ExitCodes.OK;
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.ExperimentCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new ExperimentCommand(), args));
    }
}

package org.lrpo.jobs.cli;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.train.SparkTrainSettings;
import org.lrpo.jobs.train.SupervisedStage;
import org.lrpo.jobs.train.TrainingJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "pretrain", description = {
        "Supervised pre-training of both stages (METHOD 7), data-parallel on Spark: first the restoration module R "
                + "(pixel loss), then the conditional denoiser given R(lq) with R frozen. Executors compute gradients on "
                + "their shard of each batch, the driver adds them, steps AdamW and broadcasts the weights.",
        "Writes OUTPUT-DIR/stage1/ and OUTPUT-DIR/pretrain/ (checkpoints/ and metrics.jsonl each).",
        "Settings: lrpo.restoration.*, lrpo.pretrain.*, lrpo.model.*, lrpo.spark-train.* (partitions, dataset)."})
public final class PretrainCommand extends JobCommand {

    @Option(names = "--resume", description = "Continue from the newest complete checkpoint in OUTPUT-DIR/pretrain.")
    boolean resume;

    @Option(names = "--stage", paramLabel = "STAGE", defaultValue = "all",
            description = "restoration (R alone), diffusion (the denoiser given an already trained R) or all "
                    + "(both, in that order; default).")
    String stage;

    @Override
    protected String name() {
        return "pretrain";
    }

    @Override
    protected int run(JobContext context) throws Exception {
        List<SupervisedStage> stages = switch (stage) {
            case "restoration" -> List.of(SupervisedStage.RESTORATION);
            case "diffusion" -> List.of(SupervisedStage.DIFFUSION);
            case "all" -> List.of(SupervisedStage.RESTORATION, SupervisedStage.DIFFUSION);
            default -> throw new BadInputException("--stage must be restoration, diffusion or all, got '" + stage + "'");
        };
        SettingsReader r = new SettingsReader(context.config());
        SparkTrainSettings st = SparkTrainSettings.read(r);
        r.throwIfInvalid();
        // A session that already runs (tests, a notebook) is reused and left running.
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.create(context.spark(), name());
        try {
            for (SupervisedStage s : stages) {
                TrainingJobs.pretrain(spark, context.settings(), context.config(), st, s, resume,
                        System.out);
            }
            return ExitCodes.OK;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.PretrainCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new PretrainCommand(), args));
    }
}

package org.lrpo.jobs.cli;

import org.apache.spark.sql.SparkSession;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.train.SparkTrainSettings;
import org.lrpo.jobs.train.TrainingJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "pretrain", description = {
        "Supervised pre-training of the conditional denoiser (METHOD 7), data-parallel on Spark: executors compute "
                + "gradients on their shard of each batch, the driver adds them, steps AdamW and broadcasts the weights.",
        "Writes OUTPUT-DIR/pretrain/checkpoints (every lrpo.pretrain.checkpoint-every steps) and metrics.jsonl.",
        "Settings: lrpo.pretrain.*, lrpo.model.*, lrpo.spark-train.* (partitions, dataset)."})
public final class PretrainCommand extends JobCommand {

    @Option(names = "--resume", description = "Continue from the newest complete checkpoint in OUTPUT-DIR/pretrain.")
    boolean resume;

    @Override
    protected String name() {
        return "pretrain";
    }

    @Override
    protected int run(JobContext context) throws Exception {
        SettingsReader r = new SettingsReader(context.config());
        SparkTrainSettings st = SparkTrainSettings.read(r);
        r.throwIfInvalid();
        // A session that already runs (tests, a notebook) is reused and left running.
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.create(context.spark(), name());
        try {
            TrainingJobs.pretrain(spark, context, st, resume, System.out);
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

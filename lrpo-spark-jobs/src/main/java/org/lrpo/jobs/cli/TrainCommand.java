package org.lrpo.jobs.cli;

import org.apache.spark.sql.SparkSession;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.train.ConfiguredReward;
import org.lrpo.jobs.train.SparkTrainSettings;
import org.lrpo.jobs.train.TrainingJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", description = {
        "LRPO rounds: distributed rollouts, rewards, noise-level advantages, clipped policy-gradient updates.",
        "Starts from the newest checkpoint in OUTPUT-DIR/pretrain (its EMA weights); writes OUTPUT-DIR/train/checkpoints "
                + "(every lrpo.rl.checkpoint-every rounds) and metrics.jsonl, one row per round.",
        "Settings: lrpo.rl.*, lrpo.sampler.*, lrpo.spark-train.* (partitions, dataset)."})
public final class TrainCommand extends JobCommand {

    @Option(names = "--resume", description = "Continue from the newest complete checkpoint in OUTPUT-DIR/train.")
    boolean resume;

    @Option(names = "--from-scratch", description = "Start from freshly initialised weights instead of pre-training's.")
    boolean fromScratch;

    @Override
    protected java.util.Set<Section> sections() {
        return java.util.Set.of(Section.REWARD);
    }

    @Override
    protected String name() {
        return "train";
    }

    @Override
    protected int run(JobContext context) throws Exception {
        SettingsReader r = new SettingsReader(context.config());
        SparkTrainSettings st = SparkTrainSettings.read(r);
        r.throwIfInvalid();
        ConfiguredReward reward = ConfiguredReward.of(context.config());
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.create(context.spark(), name());
        try {
            TrainingJobs.train(spark, context.settings(), context.config(), st, resume, fromScratch, reward,
                    System.out);
            return ExitCodes.OK;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.TrainCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new TrainCommand(), args));
    }
}

package org.lrpo.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A job: validate the whole configuration first, then do the work. Subclasses are also plain
 * {@code spark-submit --class} programs through their {@code main}.
 */
public abstract class JobCommand implements Callable<Integer> {

    @Mixin
    protected JobOptions options;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** The subcommand's name, used in messages and the Spark application name. */
    protected abstract String name();

    /** Does the job's work with validated settings; returns an exit code. */
    protected abstract int run(JobContext context) throws Exception;

    @Override
    public final Integer call() throws Exception {
        JobContext context = options.load(name());
        if (options.checkConfig) {
            requireEverySectionValid(context);
            System.out.println(org.lrpo.core.config.SecretRedaction.redact(context.config()).getConfig("lrpo").root()
                    .render(com.typesafe.config.ConfigRenderOptions.concise().setFormatted(true)));
            System.out.println("configuration OK");
            return ExitCodes.OK;
        }
        return run(context);
    }

    /**
     * Reads every section a job may use, not only those {@link JobOptions#load} reads for every job, so that
     * "configuration OK" holds for ingest, restore, Spark training and the reward too; every problem is listed.
     */
    private static void requireEverySectionValid(JobContext context) {
        org.lrpo.core.config.SettingsReader r = new org.lrpo.core.config.SettingsReader(context.config());
        org.lrpo.jobs.ingest.IngestSettings.read(r, context.settings());
        org.lrpo.jobs.restore.RestoreSettings.read(r, context.settings());
        org.lrpo.jobs.train.SparkTrainSettings.read(r);
        java.util.List<String> problems = new java.util.ArrayList<>(r.problems());
        try {
            org.lrpo.rewards.reward.RewardSettings.read(context.config());
        } catch (org.lrpo.core.config.ConfigurationException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new org.lrpo.core.config.ConfigurationException(problems);
        }
    }
}

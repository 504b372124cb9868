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

    /** Configuration sections beyond those every job reads ({@link JobOptions#load}). */
    protected enum Section { INGEST, RESTORE, REPORT, REWARD, EXPERIMENT }

    /** The extra sections this job reads, which {@code --check-config} validates too. */
    protected java.util.Set<Section> sections() {
        return java.util.Set.of();
    }

    /**
     * Reads every section this job uses, not only those {@link JobOptions#load} reads for every job, so that
     * "configuration OK" holds for what the job will read; every problem is listed.
     */
    private void requireEverySectionValid(JobContext context) {
        org.lrpo.core.config.SettingsReader r = new org.lrpo.core.config.SettingsReader(context.config());
        if (sections().contains(Section.INGEST)) {
            org.lrpo.jobs.ingest.IngestSettings.read(r, context.settings());
        }
        if (sections().contains(Section.RESTORE)) {
            org.lrpo.jobs.restore.RestoreSettings.read(r, context.settings());
        }
        if (sections().contains(Section.REPORT)) {
            org.lrpo.jobs.report.ReportSettings.read(r);
        }
        if (sections().contains(Section.EXPERIMENT)) {
            org.lrpo.jobs.local.ExperimentSettings.read(r);
        }
        java.util.List<String> problems = new java.util.ArrayList<>(r.problems());
        if (sections().contains(Section.REWARD)) {
            try {
                org.lrpo.rewards.reward.RewardSettings.read(context.config());
            } catch (org.lrpo.core.config.ConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new org.lrpo.core.config.ConfigurationException(problems);
        }
    }
}

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
            System.out.println(org.lrpo.core.config.SecretRedaction.redact(context.config()).getConfig("lrpo").root()
                    .render(com.typesafe.config.ConfigRenderOptions.concise().setFormatted(true)));
            System.out.println("configuration OK");
            return ExitCodes.OK;
        }
        return run(context);
    }
}

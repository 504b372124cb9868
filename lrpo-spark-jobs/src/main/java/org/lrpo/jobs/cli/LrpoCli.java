package org.lrpo.jobs.cli;

import java.io.PrintWriter;
import org.lrpo.core.config.ConfigurationException;
import org.lrpo.jobs.io.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code lrpo} command: one subcommand per job. */
@Command(name = "lrpo",
        description = "LRPO-Spark: diffusion face restoration trained with online RL on Apache Spark.",
        subcommands = {IngestCommand.class, PretrainCommand.class, TrainCommand.class, RestoreCommand.class,
                ReportCommand.class, DemoCommand.class, ExperimentCommand.class},
        footer = {"%nEach subcommand takes -c FILE and KEY=VALUE overrides; see README.md, Configuration."})
public final class LrpoCli implements Runnable {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a subcommand (one of "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    public static void main(String[] args) {
        System.exit(execute(new LrpoCli(), args));
    }

    /** Runs a command with the project's error handling and returns its exit code. */
    public static int execute(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler(LrpoCli::handle);
        documentExitCodes(cl);
        return cl.execute(args);
    }

    private static void documentExitCodes(CommandLine cl) {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        codes.put(" " + ExitCodes.OK, "success");
        codes.put(" " + ExitCodes.JOB_FAILED, "the job failed");
        codes.put(" " + ExitCodes.BAD_ARGUMENTS_OR_CONFIG, "bad arguments or configuration (including an unusable input or output path)");
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cl.getSubcommands().values().forEach(LrpoCli::documentExitCodes);
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String job = cl.getCommandName();
        if (e instanceof ConfigurationException) {
            err.println(job + ": " + e.getMessage());
            return ExitCodes.BAD_ARGUMENTS_OR_CONFIG;
        }
        if (e instanceof BadInputException) {
            err.println(job + ": " + e.getMessage());
            return ExitCodes.BAD_ARGUMENTS_OR_CONFIG;
        }
        err.println(job + " failed: " + e);
        e.printStackTrace(err);
        return ExitCodes.JOB_FAILED;
    }
}

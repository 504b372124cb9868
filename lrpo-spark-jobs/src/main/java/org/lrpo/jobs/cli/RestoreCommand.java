package org.lrpo.jobs.cli;

import org.apache.spark.sql.SparkSession;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.jobs.restore.RestoreJob;
import org.lrpo.jobs.restore.RestoreReport;
import org.lrpo.jobs.restore.RestoreSettings;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.train.RunSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore",
        description = {"Restore the faces of every photo in a folder, glob or Parquet table (any Hadoop file system): "
                + "detect each face, align it, restore it with the two-stage model (stage 1, then the diffusion "
                + "policy) and paste it back; the rest of the photo goes through stage 1. Outputs mirror the input's "
                + "paths under OUTPUT, beside a _manifest table (one row per restored input) and a _quarantine table "
                + "(inputs that could not be processed, with the reason). Re-running into the same OUTPUT restores "
                + "only what is not done yet.",
                "Settings: lrpo.restore.* (partitions, wave-files, file-pattern, max-file-bytes, min-face-px, "
                + "max-face-upscale, feather, format, jpeg-quality, stage1-background, upscale, detector.*, table.*), "
                + "lrpo.sampler.{eta-restore, restore-strength, restore-samples, steps}, lrpo.model.*, "
                + "lrpo.restoration.* (must match the checkpoint's run)."})
public final class RestoreCommand extends JobCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--input", paramLabel = "PATH",
                description = "Folder or glob of image files (file://, hdfs://, s3a://); folders are read recursively.")
        String input;

        @Option(names = "--table", paramLabel = "PATH",
                description = "Parquet table with an id and an image-bytes column (lrpo.restore.table.*); an "
                        + "`lrpo ingest` dataset works as is.")
        String table;
    }

    @Option(names = "--output", required = true, paramLabel = "PATH",
            description = "Folder to write restored images, _manifest and _quarantine into (any Hadoop file system).")
    String output;

    @Option(names = "--checkpoint", required = true, paramLabel = "RUN",
            description = "Folder of a demo, pretrain or train run (its lrpo.output-dir): stage 1 from "
                    + "RUN/stage1/checkpoints, the policy from RUN/train/checkpoints, else RUN/pretrain/checkpoints; "
                    + "RUN/pretrain or RUN/train picks that stage's policy.")
    String checkpoint;

    @Option(names = "--aligned",
            description = "Inputs are already aligned face crops (as CodeFormer's --has_aligned): no detection.")
    boolean aligned;

    @Override
    protected java.util.Set<Section> sections() {
        return java.util.Set.of(Section.RESTORE);
    }

    @Override
    protected String name() {
        return "restore";
    }

    @Override
    protected int run(JobContext context) {
        SettingsReader r = new SettingsReader(context.config());
        RestoreSettings settings = RestoreSettings.read(r, context.settings());
        r.throwIfInvalid();
        RestoreJob.Source what = source.input != null ? new RestoreJob.Source.Files(source.input)
                : new RestoreJob.Source.Table(source.table);
        // A session that already runs (tests, a notebook) is reused and left running.
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.create(context.spark(), name());
        try {
            RestoreReport report = RestoreJob.run(spark, RunSpec.of(context.config()), settings, what, output, checkpoint,
                    aligned, System.out);
            System.out.println(report.summary());
            return ExitCodes.OK;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.RestoreCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new RestoreCommand(), args));
    }
}

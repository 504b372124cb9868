package org.lrpo.jobs.cli;

import org.apache.spark.sql.SparkSession;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.jobs.ingest.IngestJob;
import org.lrpo.jobs.ingest.IngestReport;
import org.lrpo.jobs.ingest.IngestSettings;
import org.lrpo.jobs.ingest.IngestSource;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.spark.SparkSessions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest",
        description = {"Import face images (a folder or glob on any Hadoop file system, recursively) or generated "
                + "faces into a Parquet face dataset: one row per unique face (id, hq_png at lrpo.model.resolution, "
                + "original width/height, resolution, split, source); rejected inputs go to OUTPUT/_rejects with "
                + "their reason. Re-running over an existing dataset replaces it.",
                "Settings: lrpo.ingest.* (partitions, variants-per-identity, file-pattern, max-file-bytes, "
                + "upscale-small), lrpo.model.resolution, lrpo.max-image-pixels, lrpo.data.held-out-fraction."})
public final class IngestCommand extends JobCommand {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--input", paramLabel = "PATH",
                description = "Folder or glob of image files (file://, hdfs://, s3a://); folders are read recursively.")
        String input;

        @Option(names = "--generate", paramLabel = "N",
                description = "Generate N identities with the seeded face generator (lrpo.seed), "
                        + "lrpo.ingest.variants-per-identity faces each.")
        Long generate;
    }

    @Option(names = "--output", required = true, paramLabel = "PATH",
            description = "Dataset folder to write (any Hadoop file system).")
    String output;

    @Option(names = "--overwrite",
            description = "Replace OUTPUT even if it exists and is not a face dataset.")
    boolean overwrite;

    @Override
    protected java.util.Set<Section> sections() {
        return java.util.Set.of(Section.INGEST);
    }

    @Override
    protected String name() {
        return "ingest";
    }

    @Override
    protected int run(JobContext context) {
        SettingsReader r = new SettingsReader(context.config());
        IngestSettings settings = IngestSettings.read(r, context.settings());
        r.throwIfInvalid();
        IngestSource what;
        if (source.input != null) {
            what = new IngestSource.Files(source.input);
        } else if (source.generate < 1) {
            throw new BadInputException("--generate needs at least 1 identity, got " + source.generate);
        } else {
            what = new IngestSource.Generated(source.generate);
        }
        // A session that already runs (tests, a notebook) is reused and left running.
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.create(context.spark(), name());
        try {
            IngestReport report = IngestJob.run(spark, settings, what, output, overwrite);
            System.out.println(report.summary());
            return ExitCodes.OK;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.IngestCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new IngestCommand(), args));
    }
}

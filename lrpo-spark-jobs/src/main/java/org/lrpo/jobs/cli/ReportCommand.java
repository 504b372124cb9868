package org.lrpo.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.lrpo.core.config.SettingsReader;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.report.ReportJob;
import org.lrpo.jobs.report.ReportSettings;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.train.RunSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report",
        description = {"Metric reports a person reads in a browser: OUTPUT/report.html (self-contained: summary table "
                + "with bootstrap intervals, paired differences, breakdown by degradation strength, face grids, "
                + "training curves, a restore run's no-reference numbers, a claims experiment's held-out curves and "
                + "table, provenance), plus Parquet tables and their CSV copies (images, summary, paired, by_strength, "
                + "claims_curves, claims_table).",
                "Full reference: --dataset DATASET --checkpoint NAME=RUN [--checkpoint ...]: the dataset's held-out "
                + "faces, degraded by the seeded pipeline, restored by stage 1 and each checkpoint, scored against "
                + "the ground truth (PSNR, SSIM, MS-SSIM, DT-CWT lowpass distance, identity cosine and degrees, LMD, "
                + "NIQE, the composite reward and each component).",
                "Settings: lrpo.report.* (samples, max-faces, partitions, degradation-round, fidelity-space, "
                + "crop-border, bootstrap.*, grid-*, thumbnail-px), lrpo.reward.*, lrpo.sampler.*, lrpo.model.*, "
                + "lrpo.restoration.* (must match the checkpoints' run)."})
public final class ReportCommand extends JobCommand {

    @Option(names = "--output", required = true, paramLabel = "PATH",
            description = "Folder for report.html and the tables (any Hadoop file system); new, empty, or an earlier "
                    + "report's.")
    String output;

    @Option(names = "--dataset", paramLabel = "PATH",
            description = "Face dataset of `lrpo ingest` whose held-out split is evaluated.")
    String dataset;

    @Option(names = "--checkpoint", paramLabel = "NAME=PATH",
            description = "A model to evaluate, repeatable, in table order: PATH is a run folder (its newest LRPO "
                    + "policy, else its supervised one) or RUN/pretrain or RUN/train. Stage 1 comes from the first. "
                    + "NAME@SEED rows are training runs of one model NAME: it also gets a row whose interval "
                    + "resamples the seeds, and paired differences compare models.")
    List<String> checkpoints = new ArrayList<>();

    @Option(names = "--samples", paramLabel = "N",
            description = "Restorations per face of each checkpoint, each scored (default: lrpo.report.samples).")
    Integer samples;

    @Option(names = "--run", paramLabel = "PATH",
            description = "Training run folder whose curves to draw (stage1, pretrain, train metrics.jsonl); "
                    + "repeatable.")
    List<String> runs = new ArrayList<>();

    @Option(names = "--restore-run", paramLabel = "PATH",
            description = "The --output of an `lrpo restore` run: its manifest's no-reference numbers.")
    String restoreRun;

    @Option(names = "--claims", paramLabel = "DIR",
            description = "The output-dir of `lrpo experiment -c conf/claims.conf` (curves.csv, faces.csv): held-out "
                    + "curves per variant and the claims table, intervals at lrpo.report.bootstrap.*.")
    String claims;

    @Override
    protected java.util.Set<Section> sections() {
        return java.util.Set.of(Section.REPORT, Section.REWARD);
    }

    @Override
    protected String name() {
        return "report";
    }

    @Override
    protected int run(JobContext context) throws Exception {
        SettingsReader r = new SettingsReader(context.config());
        ReportSettings settings = ReportSettings.read(r);
        r.throwIfInvalid();
        if (samples != null) {
            if (samples < 1 || samples > 64) {
                throw new BadInputException("--samples must be in [1, 64], got " + samples);
            }
            settings = settings.withSamples(samples);
        }
        ReportJob.Inputs inputs = new ReportJob.Inputs(Optional.ofNullable(dataset), named(checkpoints), runs,
                Optional.ofNullable(restoreRun), Optional.ofNullable(claims));
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.create(context.spark(), name());
        try {
            ReportJob.Result result = ReportJob.run(spark, RunSpec.of(context.config()), settings, inputs, output,
                    commandLine(), System.out);
            if (!result.summary().isEmpty()) {
                System.out.println(result.summary());
            }
            System.out.println("report: " + result.html());
            return ExitCodes.OK;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /** {@code NAME=PATH} options in the order given; a malformed or repeated name is an error. */
    static Map<String, String> named(List<String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            if (eq <= 0 || eq == o.length() - 1) {
                throw new BadInputException("--checkpoint " + o + ": expected NAME=PATH, e.g. lrpo=/runs/demo/train");
            }
            if (out.put(o.substring(0, eq), o.substring(eq + 1)) != null) {
                throw new BadInputException("--checkpoint name '" + o.substring(0, eq) + "' is given twice");
            }
        }
        return out;
    }

    /** The options as given, for the report's provenance (paths and names; settings are in the config section). */
    private String commandLine() {
        StringBuilder sb = new StringBuilder("lrpo report --output ").append(output);
        if (dataset != null) {
            sb.append(" --dataset ").append(dataset);
        }
        checkpoints.forEach(c -> sb.append(" --checkpoint ").append(c));
        if (samples != null) {
            sb.append(" --samples ").append(samples);
        }
        runs.forEach(x -> sb.append(" --run ").append(x));
        if (restoreRun != null) {
            sb.append(" --restore-run ").append(restoreRun);
        }
        if (claims != null) {
            sb.append(" --claims ").append(claims);
        }
        return sb.toString();
    }

    /** Entry point for {@code spark-submit --class org.lrpo.jobs.cli.ReportCommand}. */
    public static void main(String[] args) {
        System.exit(LrpoCli.execute(new ReportCommand(), args));
    }
}

package org.lrpo.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.reward.RewardScores;
import org.lrpo.jobs.io.BadInputException;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.spark.SparkSettings;
import org.lrpo.jobs.testing.CliRun;
import org.lrpo.jobs.testing.TinyModel;
import org.lrpo.jobs.train.RewardFactory;
import org.lrpo.jobs.train.SparkTrainSettings;
import org.lrpo.jobs.train.TrainingJobs;

/**
 * The pretrain and train jobs end to end on local[2] (the commands reuse the session this test starts):
 * CLI exit codes, output layout, refusal to overwrite without --resume, bad input named before training.
 */
class TrainingCommandsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.create(new SparkSettings("local[2]", "lrpo-test", Map.of("spark.ui.enabled", "false")),
                "commands-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** {@link TinyModel} at 16 px, with a checkpoint after every step. */
    private static List<String> tiny(Path out, String... extra) {
        List<String> o = new ArrayList<>(List.of("model.resolution=16", "pretrain.checkpoint-every=1",
                "restoration.checkpoint-every=1"));
        o.addAll(List.of(extra));
        return TinyModel.settings(out, o.toArray(String[]::new));
    }

    private static CliRun.Outcome cli(String job, List<String> args, String... flags) {
        List<String> all = new ArrayList<>(List.of(job));
        all.addAll(List.of(flags));
        all.addAll(args);
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void pretrainWritesCheckpointsAndMetricsAndRefusesToOverwriteWithoutResume(@TempDir Path dir) {
        CliRun.Outcome o = cli("pretrain", tiny(dir));
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("restoration step 2/2") && o.out().contains("diffusion step 2/2"), o.out());
        assertTrue(Files.isDirectory(dir.resolve("stage1/checkpoints/step-000000000002")), o.out());
        assertTrue(Files.isDirectory(dir.resolve("pretrain/checkpoints/step-000000000002")), o.out());
        assertTrue(Files.isRegularFile(dir.resolve("pretrain/metrics.jsonl")));

        CliRun.Outcome again = cli("pretrain", tiny(dir));
        assertEquals(2, again.code(), again.err());
        assertTrue(again.err().contains("already holds pretrain --stage restoration checkpoints: pass --resume"),
                again.err());

        // Issue 14, finding 9: a resume with another seed would silently mix two runs.
        CliRun.Outcome otherRun = cli("pretrain", tiny(dir, "pretrain.optimiser-steps=3", "seed=4"), "--resume");
        assertEquals(2, otherRun.code(), otherRun.err());
        assertTrue(otherRun.err().contains("lrpo.seed = 3 in the checkpoint, 4 now"), otherRun.err());

        CliRun.Outcome resumed = cli("pretrain", tiny(dir, "pretrain.optimiser-steps=3"), "--resume");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming at step 2") && resumed.out().contains("diffusion step 3/3"),
                resumed.out());
    }

    @Test
    void aMissingDatasetIsNamedBeforeTraining(@TempDir Path dir) {
        CliRun.Outcome o = cli("pretrain", tiny(dir, "spark-train.dataset=\"" + dir.resolve("no-such-dataset") + "\""));
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("no-such-dataset"), o.err());
        assertTrue(Files.notExists(dir.resolve("pretrain/checkpoints")), "nothing trained");
    }

    @Test
    void pretrainingOnAnIngestedDatasetThenLrpoFromItsCheckpoint(@TempDir Path dir) throws IOException {
        Path dataset = dir.resolve("faces");
        CliRun.Outcome ingest = cli("ingest", tiny(dir), "--generate", "6", "--output", dataset.toString());
        assertEquals(0, ingest.code(), ingest.err());
        // A credential passed the way the s3a tests pass theirs must never reach a file or the console.
        String secret = "hunter2-SECRET-KEY";
        List<String> args = tiny(dir, "spark-train.dataset=\"" + dataset + "\"", "data.held-out-fraction=0.1",
                "spark.conf.\"spark.hadoop.fs.s3a.secret.key\"=\"" + secret + "\"");
        // Issue 14, finding 10: the training split is held whole by the driver and every executor, so it is capped.
        List<String> tooBig = new java.util.ArrayList<>(args);
        tooBig.add("spark-train.max-dataset-mb=0.001");
        CliRun.Outcome refused = cli("pretrain", tooBig);
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("more than lrpo.spark-train.max-dataset-mb = 0.001"), refused.err());
        assertTrue(Files.notExists(dir.resolve("stage1/checkpoints")), "refused before training");
        CliRun.Outcome checked = cli("pretrain", args, "--check-config");
        assertEquals(0, checked.code(), checked.err());
        assertTrue(!checked.out().contains(secret) && checked.out().contains("fs.s3a.secret.key"), checked.out());
        CliRun.Outcome pretrain = cli("pretrain", args);
        assertEquals(0, pretrain.code(), pretrain.err());

        JobContext context = context(args);
        // The METHOD composite needs the face network: a cheap stand-in keeps this test in seconds.
        RewardFactory fidelity = s -> new FirstPixelReward();
        String last = TrainingJobs.train(spark, context.settings(), context.config(), SparkTrainSettings.read(
                new org.lrpo.core.config.SettingsReader(context.config())), false, false, fidelity, System.out);
        assertEquals("step-000000000001", last);
        assertEquals(1, Files.readAllLines(dir.resolve("train/metrics.jsonl")).size());
        // The report of the run records its configuration too (provenance).
        CliRun.Outcome report = cli("report", args, "--output", dir.resolve("report").toString(), "--run",
                dir.toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(Files.readString(dir.resolve("report/report.html")).contains("fs.s3a.secret.key"));
        assertTrue(!report.out().contains(secret) && !report.err().contains(secret), "nor into the report's output");
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertTrue(!bytes.contains(secret), "the credential leaked into " + f);
            }
        }
        assertTrue(!pretrain.out().contains(secret) && !pretrain.err().contains(secret), "nor into the logs");
    }

    @Test
    void lrpoWithoutEitherPretrainingStageIsBadInput(@TempDir Path dir) {
        JobContext context = context(tiny(dir));
        SparkTrainSettings st = SparkTrainSettings.read(new org.lrpo.core.config.SettingsReader(context.config()));
        RewardFactory none = s -> { throw new AssertionError("no reward is built before the inputs are checked"); };
        BadInputException e = assertThrows(BadInputException.class,
                () -> TrainingJobs.train(spark, context.settings(), context.config(), st, false, false, none,
                        System.out));
        assertTrue(e.getMessage().contains("no stage-1 checkpoint") && e.getMessage().contains("--stage restoration"),
                e.getMessage());

        assertEquals(0, cli("pretrain", tiny(dir), "--stage", "restoration").code());
        e = assertThrows(BadInputException.class,
                () -> TrainingJobs.train(spark, context.settings(), context.config(), st, false, false, none,
                        System.out));
        assertTrue(e.getMessage().contains("no pre-training checkpoint") && e.getMessage().contains("--from-scratch"),
                e.getMessage());
        assertTrue(Files.notExists(dir.resolve("train/checkpoints")), "nothing trained");
    }

    @Test
    void anUnknownStageIsBadInput(@TempDir Path dir) {
        CliRun.Outcome o = cli("pretrain", tiny(dir), "--stage", "everything");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--stage must be restoration, diffusion or all"), o.err());
    }

    /** A reward that costs nothing: minus the error of the first pixel value. */
    private static final class FirstPixelReward implements org.lrpo.core.reward.Reward {
        @Override
        public List<RewardScores> score(List<org.lrpo.core.image.RgbImage> restored,
                                        List<org.lrpo.core.image.RgbImage> truth) {
            List<RewardScores> out = new ArrayList<>();
            for (int i = 0; i < restored.size(); i++) {
                double r = -Math.abs(restored.get(i).chw()[0] - truth.get(i).chw()[0]);
                out.add(new RewardScores(r, Map.of("first-pixel", r)));
            }
            return out;
        }

        @Override
        public List<String> componentNames() {
            return List.of("first-pixel");
        }
    }

    private static JobContext context(List<String> args) {
        var config = ConfigLoader.load(Optional.empty(), args);
        return new JobContext("train", config, LrpoSettings.read(config),
                new SparkSettings("local[2]", "lrpo-test", Map.of()));
    }
}

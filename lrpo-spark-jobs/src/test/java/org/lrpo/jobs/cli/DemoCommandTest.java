package org.lrpo.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.checkpoint.CheckpointFinder;
import org.lrpo.core.checkpoint.LocalCheckpointStore;
import org.lrpo.jobs.testing.CliRun;

/** README's first command, at toy sizes on local Spark: every artefact it promises is written, twice. */
class DemoCommandTest {

    @Test
    void theDemoIngestsTrainsAndWritesGridMetricsAndCheckpoints(@TempDir Path out) throws IOException {
        for (int run = 0; run < 2; run++) {
            CliRun.Outcome o = demo(out);
            assertEquals(0, o.code(), o.err() + o.out());
            assertTrue(o.out().contains("LRPO round 2/2"), o.out());
            assertTrue(o.out().contains("held-out faces of the dataset (never trained on)"), o.out());
            assertTrue(o.out().contains("| stage1 |") && o.out().contains("| lrpo |"), o.out());
            assertTrue(o.out().contains("LRPO - supervised, paired (same faces, same noise): reward "), o.out());
            assertTrue(o.out().contains("report of this run (open in a browser)"), o.out());
            // The second use on whole photos, on a folder started afresh each run: four photos in, four out.
            assertTrue(o.out().contains("restore: 4 inputs -> ") && o.out().contains(" 0 already done")
                    && o.out().contains("whole photos against the clean scenes"), o.out());
        }
        assertTrue(Files.exists(out.resolve("dataset/_SUCCESS")));
        for (int i = 0; i < 4; i++) {
            assertTrue(Files.exists(out.resolve("restored-photos/photo-" + i + ".png")), "photo " + i + " restored");
        }
        java.awt.image.BufferedImage photos = javax.imageio.ImageIO.read(out.resolve("before-after-photos.png").toFile());
        assertEquals(3 * (2 * 224 + 4) + 4, photos.getWidth());
        BufferedImage grid = ImageIO.read(out.resolve("before-after.png").toFile());
        // 3 rows x 5 columns (LQ | stage 1 | supervised | LRPO | GT) of 32 px faces scaled x4, 4 px gaps.
        assertEquals(5 * (32 * 4 + 4) + 4, grid.getWidth());
        assertEquals(3 * (32 * 4 + 4) + 4, grid.getHeight());

        // A re-run starts afresh: one row per step and round of this run only.
        assertEquals(4, Files.readAllLines(out.resolve("pretrain/metrics.jsonl")).size());
        List<String> rounds = Files.readAllLines(out.resolve("train/metrics.jsonl"));
        assertEquals(2, rounds.size());
        assertTrue(rounds.get(0).contains("clipFraction"), rounds.get(0));
        // The report of the run: rows input, stage 1, supervised, LRPO; 3 faces, 2 samples of each policy.
        assertTrue(Files.readString(out.resolve("report/summary.md")).contains("| lrpo |"));
        assertEquals(1 + 3 * (1 + 1 + 2 + 2), Files.readAllLines(out.resolve("report/images.csv")).size());
        String html = Files.readString(out.resolve("report/report.html"));
        assertTrue(html.contains("LRPO: composite reward") && html.contains("restored-photos"), "report sections");
        assertEquals(List.of("step-000000000002"),
                new CheckpointFinder(new LocalCheckpointStore(out.resolve("stage1/checkpoints"))).completeCheckpoints());

        assertEquals(List.of("step-000000000002", "step-000000000004"),
                new CheckpointFinder(new LocalCheckpointStore(out.resolve("pretrain/checkpoints"))).completeCheckpoints());
        assertEquals(List.of("step-000000000001", "step-000000000002"),
                new CheckpointFinder(new LocalCheckpointStore(out.resolve("train/checkpoints"))).completeCheckpoints());
    }

    private static CliRun.Outcome demo(Path out) {
        String root = System.getProperty("repo.root", "..");
        return CliRun.run("demo", "-c", root + "/conf/local.conf", "--eval-faces=3",
                "output-dir=" + out, "spark.master=\"local[2]\"", "data.generated-identities=24",
                "data.held-out-fraction=0.25", "model.base-channels=8", "model.channel-multipliers=[1,2]",
                "model.group-norm-groups=4", "model.time-embedding-dim=16", "pretrain.optimiser-steps=4",
                "pretrain.warmup-steps=1", "pretrain.batch-size=2", "pretrain.checkpoint-every=2", "sampler.denoising-steps=10",
                "restoration.channels=8", "restoration.blocks=1", "restoration.optimiser-steps=2", "restoration.batch-size=2",
                "restoration.warmup-steps=0", "restoration.checkpoint-every=0",
                "rl.rounds=2", "rl.faces-per-round=2", "rl.group-size=2", "rl.checkpoint-every=1",
                "reward.components.niqe.fit-faces=8", "ingest.partitions=2");
    }
}

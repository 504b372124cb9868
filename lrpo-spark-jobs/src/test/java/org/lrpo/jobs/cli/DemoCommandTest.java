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

/** README's first command, at toy sizes: every artefact it promises is written. */
class DemoCommandTest {

    @Test
    void theDemoWritesGridMetricsAndCheckpoints(@TempDir Path out) throws IOException {
        String root = System.getProperty("repo.root", "..");
        CliRun.Outcome o = CliRun.run("demo", "-c", root + "/conf/local.conf", "--eval-faces=3",
                "output-dir=" + out, "model.base-channels=8", "model.channel-multipliers=[1,2]",
                "model.group-norm-groups=4", "model.time-embedding-dim=16", "pretrain.steps=4",
                "pretrain.warmup-steps=1", "pretrain.batch-size=2", "pretrain.checkpoint-every=2", "sampler.steps=3",
                "rl.rounds=2", "rl.faces-per-round=2", "rl.group-size=2", "rl.checkpoint-every=1",
                "reward.components.niqe.fit-faces=8");
        assertEquals(0, o.code(), o.err() + o.out());
        assertTrue(o.out().contains("LRPO round 2/2"), o.out());
        assertTrue(o.out().contains("held-out faces (3 identities never trained on)"), o.out());

        BufferedImage grid = ImageIO.read(out.resolve("before-after.png").toFile());
        // 3 rows x 4 columns of 32 px faces scaled x4, 4 px gaps.
        assertEquals(4 * (32 * 4 + 4) + 4, grid.getWidth());
        assertEquals(3 * (32 * 4 + 4) + 4, grid.getHeight());

        assertEquals(4, lines(out.resolve("metrics/pretrain.jsonl")).size());
        List<String> rounds = lines(out.resolve("metrics/lrpo.jsonl"));
        assertEquals(2, rounds.size());
        assertTrue(rounds.get(0).contains("\"clipFraction\""), rounds.get(0));
        assertEquals(3, lines(out.resolve("metrics/evaluation.jsonl")).size());

        assertEquals(List.of("step-000000000002", "step-000000000004"),
                new CheckpointFinder(new LocalCheckpointStore(out.resolve("checkpoints/pretrain"))).completeCheckpoints());
        assertEquals(List.of("step-000000000001", "step-000000000002"),
                new CheckpointFinder(new LocalCheckpointStore(out.resolve("checkpoints/lrpo"))).completeCheckpoints());
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p);
    }
}

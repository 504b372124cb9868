package org.lrpo.jobs.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.jobs.testing.CliRun;
import org.lrpo.rewards.reward.RewardSettings;

/**
 * The CI version of {@code bin/lrpo experiment -c conf/claims.conf}: toy sizes, a cheap reward (SSIM + DT-CWT
 * lowpass), three variants, two seeds, two rounds evaluated after each; the rows, the table, and resumption.
 */
class ClaimsExperimentTest {
    private static final List<String> FLAGS = List.of("--variants", "supervised,lrpo,flat", "--seeds", "1,2");

    @Test
    void writesOneRowPerEvaluationAndResumesWithoutRedoingWork(@TempDir Path out) throws IOException {
        CliRun.Outcome first = experiment(out);
        assertEquals(0, first.code(), first.err() + first.out());
        assertTrue(first.out().contains("runs done: 5, already done (skipped): 0, supervised checkpoints trained: 1"),
                first.out());

        // supervised: round 0 once; lrpo and flat: 2 seeds x rounds 1 and 2.
        List<String> curves = Files.readAllLines(out.resolve("curves.csv"));
        assertEquals(1 + 1 + 2 * 2 * 2, curves.size(), String.join("\n", curves));
        assertEquals("pretrain_seed,variant,seed,round,faces,samples,reward,reward_ssim,reward_dwt_lowpass,psnr,ssim,ms_ssim,"
                + "identity_degrees,lmd",
                curves.get(0));
        for (String v : List.of("lrpo", "flat")) {
            for (String key : List.of(",1,1,", ",1,2,", ",2,1,", ",2,2,")) {
                assertEquals(1, curves.stream().filter(l -> l.startsWith("1," + v + key + "4,1,")).count(), v + key);
            }
        }
        assertTrue(curves.stream().anyMatch(l -> l.startsWith("1,supervised,0,0,4,1,")), String.join("\n", curves));
        List<String> faces = Files.readAllLines(out.resolve("faces.csv"));
        assertEquals(1 + 4 * (1 + 2 * 2 * 2), faces.size());

        String table = Files.readString(out.resolve("table.md"));
        for (String v : List.of("supervised", "lrpo", "flat")) {
            assertTrue(table.matches("(?s).*\\| " + v + " \\| \\d+ \\| \\d \\| -?\\d+\\.\\d{4} \\[-?\\d+\\.\\d{4}, -?\\d+\\.\\d{4}\\].*"),
                    v + " with an interval in\n" + table);
        }
        assertTrue(table.contains("variant − lrpo") && table.contains("variant − supervised") && table.contains("Claim 3"),
                table);
        assertTrue(Files.exists(out.resolve("pretrain-seed-1/policy.safetensors")));

        // The training side: every round of the 4 LRPO runs, with the regulariser's gradient share measured (0 here:
        // a toy policy pre-trained for 2 steps leaves the regulariser saturated at 1, where it has no gradient).
        List<String> rounds = Files.readAllLines(out.resolve("rounds.csv"));
        assertEquals(String.join(",", TrainingRounds.COLUMNS), rounds.get(0));
        assertEquals(1 + 2 * 2 * 2, rounds.size(), String.join("\n", rounds));
        for (String line : rounds.subList(1, rounds.size())) {
            String[] f = line.split(",");
            double ratio = Double.parseDouble(f[TrainingRounds.COLUMNS.indexOf("regulariser_gradient_ratio")]);
            assertTrue(ratio >= 0 && Double.isFinite(ratio), "gradient ratio measured in " + line);
            assertTrue(f[3].equals("1") || f[3].equals("2"), "rounds count from 1: " + line);
        }

        // Again: every run is done, nothing is trained or written.
        String facesBefore = Files.readString(out.resolve("faces.csv"));
        CliRun.Outcome second = experiment(out);
        assertEquals(0, second.code(), second.err() + second.out());
        assertTrue(second.out().contains("runs done: 0, already done (skipped): 5, supervised checkpoints trained: 0"),
                second.out());
        assertTrue(!second.out().contains("LRPO round"), second.out());
        assertEquals(facesBefore, Files.readString(out.resolve("faces.csv")));

        // An interrupted run (no marker, a torn row): redone from its start on the saved checkpoint, same rows.
        Files.delete(out.resolve("runs/pretrain-seed-1/flat/seed-2.done"));
        Files.writeString(out.resolve("faces.csv"), "1,flat,2,3,gen-", java.nio.file.StandardOpenOption.APPEND);
        CliRun.Outcome third = experiment(out);
        assertEquals(0, third.code(), third.err() + third.out());
        assertTrue(third.out().contains("runs done: 1, already done (skipped): 4, supervised checkpoints trained: 0"),
                third.out());
        assertTrue(third.out().contains("partial rows dropped"), third.out());
        assertEquals(sorted(facesBefore), sorted(Files.readString(out.resolve("faces.csv"))));
    }

    @Test
    void thePerceptionRewardWeighsNiqeAtFortyPercentAndKeepsTheOthersRatios() {
        Config base = ConfigLoader.load(java.util.Optional.empty(), List.of());
        Config perception = ClaimVariant.named("perception").orElseThrow().apply(base);
        Map<String, Double> w = RewardSettings.read(perception).weights();
        Map<String, Double> b = RewardSettings.read(base).weights();
        assertEquals(0.4, w.get("niqe"), 1e-12);
        assertEquals(1.0, w.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertEquals(b.get("ssim") / b.get("identity"), w.get("ssim") / w.get("identity"), 1e-12);
        Config noReg = ClaimVariant.named("perception-no-regulariser").orElseThrow().apply(base);
        assertEquals(false, noReg.getBoolean("lrpo.rl.regulariser.enabled"));
        assertEquals(0.4, noReg.getDouble("lrpo.reward.weights.niqe"), 1e-12);
        assertEquals(0.1, ClaimVariant.named("regulariser-0.1").orElseThrow().apply(base)
                .getDouble("lrpo.rl.regulariser.weight"));
    }

    private static List<String> sorted(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        Collections.sort(lines);
        return lines;
    }

    private static CliRun.Outcome experiment(Path out) {
        String root = System.getProperty("repo.root", "..");
        List<String> args = new ArrayList<>(List.of("experiment", "-c", root + "/conf/claims.conf"));
        args.addAll(FLAGS);
        args.addAll(List.of("output-dir=" + out, "seed=3", "threads=1",
                "engine-cache-dir=" + Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")).toAbsolutePath(),
                "model.resolution=32", "model.base-channels=8", "model.channel-multipliers=[1,2]",
                "model.group-norm-groups=4", "model.time-embedding-dim=16", "sampler.denoising-steps=3",
                "data.generated-identities=24", "data.held-out-fraction=0.3",
                "pretrain.optimiser-steps=2", "pretrain.batch-size=2", "pretrain.warmup-steps=0",
                "restoration.channels=8", "restoration.blocks=1", "restoration.optimiser-steps=2",
                "restoration.batch-size=2", "restoration.warmup-steps=0",
                "rl.rounds=2", "rl.faces-per-round=2", "rl.group-size=2", "rl.micro-batches=1",
                "rl.regulariser.last-denoising-steps=1",
                "reward.weights.identity=0", "reward.weights.niqe=0", "reward.weights.ssim=0.5",
                "reward.weights.dwt_lowpass=0.5",
                "experiment.held-out-faces=4", "experiment.samples=1", "experiment.eval-every=1",
                "report.bootstrap.resamples=200"));
        return CliRun.run(args.toArray(String[]::new));
    }
}

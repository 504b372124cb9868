package org.lrpo.jobs.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line settings of a two-stage model small enough to train in seconds on {@code local[2]} (32-px faces,
 * 8 channels, two steps of each supervised stage, one LRPO round), which the end-to-end tests of {@code restore}
 * and {@code report} train with {@code lrpo pretrain} and {@code lrpo train} and then use as a user would.
 */
public final class TinyModel {
    public static final int RESOLUTION = 32;

    private TinyModel() {}

    /** The settings, writing under {@code outputDir}, then {@code extra} (which win). */
    public static List<String> settings(Path outputDir, String... extra) {
        List<String> o = new ArrayList<>(List.of("model.resolution=" + RESOLUTION, "model.base-channels=8",
                "model.channel-multipliers=[1,2]", "model.group-norm-groups=4", "model.time-embedding-dim=16",
                "sampler.denoising-steps=4", "data.generated-identities=16", "seed=3", "threads=1",
                "engine-cache-dir=" + Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")).toAbsolutePath(),
                "pretrain.optimiser-steps=2", "pretrain.batch-size=2", "pretrain.warmup-steps=0", "pretrain.checkpoint-every=0",
                "restoration.channels=8", "restoration.blocks=1", "restoration.optimiser-steps=2", "restoration.batch-size=2",
                "restoration.warmup-steps=0", "restoration.checkpoint-every=0", "spark-train.partitions=2",
                "rl.rounds=1", "rl.faces-per-round=2", "rl.group-size=2",
                "spark.master=\"local[2]\"", "output-dir=\"" + outputDir + "\""));
        o.addAll(List.of(extra));
        return o;
    }

    /** Runs {@code lrpo job flags... settings...} in this JVM. */
    public static CliRun.Outcome cli(String job, List<String> settings, String... flags) {
        List<String> all = new ArrayList<>(List.of(job));
        all.addAll(List.of(flags));
        all.addAll(settings);
        return CliRun.run(all.toArray(String[]::new));
    }
}

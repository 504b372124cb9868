package org.lrpo.jobs.train;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.jobs.spark.SparkSessions;
import org.lrpo.jobs.spark.SparkSettings;

/** The tiny configuration and the local Spark session the training tests share (not their state). */
final class TinyRun {
    private TinyRun() {}

    static Config config(String... extra) {
        List<String> o = new ArrayList<>(List.of("model.resolution=16", "model.base-channels=8",
                "model.channel-multipliers=[1,2]", "model.group-norm-groups=4", "model.time-embedding-dim=16",
                "sampler.denoising-steps=5", "data.generated-identities=32", "data.held-out-fraction=0.1", "seed=7",
                "threads=1", "engine-cache-dir=" + Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl"))
                        .toAbsolutePath(),
                "pretrain.optimiser-steps=3", "pretrain.batch-size=4", "pretrain.learning-rate=1e-3", "pretrain.warmup-steps=1",
                "pretrain.ema-decay=0.9", "pretrain.checkpoint-every=0",
                "rl.faces-per-round=2", "rl.group-size=3", "rl.learning-rate=1e-3", "rl.regulariser.last-denoising-steps=2"));
        o.addAll(List.of(extra));
        return ConfigLoader.load(Optional.empty(), o);
    }

    static SparkSession localSpark(String master) {
        return SparkSessions.create(new SparkSettings(master, "lrpo-test",
                Map.of("spark.ui.enabled", "false", "spark.task.maxFailures", "4")), "train-test");
    }

    /** Largest |a_i - b_i| over every weight. */
    static double maxAbsDifference(ParameterSet a, ParameterSet b) {
        float[] x = a.flat();
        float[] y = b.flat();
        if (x.length != y.length) {
            throw new AssertionError("sizes differ: " + x.length + " vs " + y.length);
        }
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs((double) x[i] - y[i]));
        }
        return m;
    }

    /** ||a - b|| / ||b - start||: the difference relative to how far training moved the weights. */
    static double relativeDifference(ParameterSet a, ParameterSet b, ParameterSet start) {
        float[] x = a.flat();
        float[] y = b.flat();
        float[] s = start.flat();
        double diff = 0;
        double moved = 0;
        for (int i = 0; i < x.length; i++) {
            diff += ((double) x[i] - y[i]) * ((double) x[i] - y[i]);
            moved += ((double) y[i] - s[i]) * ((double) y[i] - s[i]);
        }
        return Math.sqrt(diff / moved);
    }
}

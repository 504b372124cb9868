package org.lrpo.jobs.train;

import org.lrpo.core.lrpo.FidelityTestReward;
import ai.djl.Device;
import com.typesafe.config.Config;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.train.GeneratedPairs;
import org.lrpo.core.train.Policies;
import org.lrpo.jobs.io.HadoopCheckpointStore;

/**
 * Not part of the suite (no *Test name): prints the JVM's heap after a full GC and the process RSS
 * every 5 rounds of a long tiny local[2] LRPO run, to check that memory stays flat.
 * Run: {@code ./mvnw -B -o -pl lrpo-spark-jobs test -Dtest=LrpoMemoryProbe -Dprobe.rounds=40}.
 */
class LrpoMemoryProbe {

    @Test
    void memoryStaysFlatOverManyRounds(@TempDir Path dir) throws IOException {
        int rounds = Integer.getInteger("probe.rounds", 40);
        SparkSession spark = TinyRun.localSpark("local[2]");
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Config config = TinyRun.config("rl.rounds=" + rounds);
            RunSpec spec = RunSpec.of(config);
            ConditionalDenoiser policy = Policies.create(spec.settings().model(), Device.cpu(), spec.settings().run().seed());
            try (SparkLrpoTrainer t = new SparkLrpoTrainer(jsc, spec, policy, new SparkLrpoTrainer.Sources(
                    PairSourceFactory.generated(GeneratedPairs.RL_STAGE), s -> new FidelityTestReward(), 2,
                    FaultInjection.none()),
                    new HadoopCheckpointStore(dir.resolve("c").toUri().toString(), jsc.hadoopConfiguration()),
                    new MetricsTable(dir.resolve("m.jsonl").toUri().toString(), "round", jsc.hadoopConfiguration()),
                    System.out)) {
                t.resume();
                for (int r = 5; r <= rounds; r += 5) {
                    long t0 = System.nanoTime();
                    t.run(r);
                    double perRound = (System.nanoTime() - t0) / 1e9 / 5;
                    System.gc();
                    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    System.out.printf("MEMORY after round %d: heap %.1f MB, RSS %.1f MB, %.2f s per round%n", r,
                            heap / 1e6, rss() / 1e6, perRound);
                }
            }
        } finally {
            spark.stop();
        }
    }

    private static long rss() throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }
}

package org.lrpo.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.jobs.testing.StandaloneCluster;

/**
 * BENCHMARKS.md's Spark table: LRPO rounds at the embedded default's size (conf/local.conf: 32x32, K = 10,
 * 4 faces x 6 candidates, the METHOD composite reward, 2 partitions), the shaded jar submitted to
 * {@code local[2]}, to the 2-worker standalone cluster with 2 executors and with 1 (1 core each). Each
 * round's time split comes from the job's own metrics table ({@code spark} field of each row); the first
 * round (policy builds, NIQE fit, JIT) is left out. Printed and written to
 * {@code target/benchmarks/spark-rounds.md}, never asserted (the machine is shared). Run on demand:
 * {@code ./mvnw -B -o -pl lrpo-spark-jobs -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=SparkRoundBenchmarkIT -Dbenchmark.spark-rounds=true [-Dbenchmark.rounds=6]
 * [-Dbenchmark.layouts=standalone] [-Dbenchmark.spark-conf=spark.x=1,spark.y=2]
 * [-Dbenchmark.overrides=rl.faces-per-round=16]}.
 */
@EnabledIfSystemProperty(named = "benchmark.spark-rounds", matches = "true")
class SparkRoundBenchmarkIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Layout(String name, String master, int cores) {}

    @Test
    void roundTimeSplitOnLocalAndStandalone(@TempDir Path dir) throws Exception {
        int rounds = Integer.getInteger("benchmark.rounds", 6);
        Path app = Path.of(System.getProperty("application.jar"));
        Path repo = Path.of(System.getProperty("repo.root")).toAbsolutePath();
        // Extra lrpo overrides, e.g. larger rounds: the overhead share depends on the work per stage.
        List<String> overrides = Arrays.stream(System.getProperty("benchmark.overrides", "").split(","))
                .filter(o -> !o.isBlank()).toList();
        Config local = ConfigFactory.parseString(String.join("\n", overrides)).atPath("lrpo")
                .withFallback(ConfigFactory.parseFile(repo.resolve("conf/local.conf").toFile()));
        int candidates = local.getInt("lrpo.rl.faces-per-round") * local.getInt("lrpo.rl.group-size");
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%d rounds of %d candidates after a "
                + "warm-up round, median per round (s)%s%n%n| layout | round | rollout | reward | gradients | driver | Spark overhead | "
                + "overhead share | of which aggregation | stages | candidates/s | executor peak RSS MB | "
                + "driver peak RSS MB |%n|---|---|---|---|---|---|---|---|---|---|---|---|---|%n", rounds - 1, candidates,
                overrides.isEmpty() ? "" : ", overrides " + overrides));
        try (StandaloneCluster cluster = StandaloneCluster.start(2, 1, 3072)) {
            List<Layout> layouts = List.of(new Layout("local[2]", "local[2]", 2),
                    new Layout("standalone, 2 executors x 1 core", cluster.masterUrl(), 2),
                    new Layout("standalone, 1 executor x 1 core", cluster.masterUrl(), 1));
            String only = System.getProperty("benchmark.layouts", "");
            // Every diffusion job conditions on a trained stage 1 (R): a short one, trained once, serves every layout.
            Path stage1 = dir.resolve("stage1-source");
            Path stage1Log = dir.resolve("stage1.log");
            Process s1 = cluster.submit("local[2]", app, "org.lrpo.jobs.cli.LrpoCli",
                    Map.of("spark.ui.enabled", "false"), List.of("pretrain", "--stage", "restoration",
                            "-c", repo.resolve("conf/local.conf").toString(), "restoration.optimiser-steps=60",
                            "restoration.checkpoint-every=0", "threads=1",
                            "engine-cache-dir=\"" + Path.of(System.getProperty("DJL_CACHE_DIR")).toAbsolutePath() + "\"",
                            "output-dir=\"" + stage1 + "\""), stage1Log);
            assertTrue(s1.waitFor(10, TimeUnit.MINUTES), "stage 1 finished");
            assertEquals(0, s1.exitValue(), () -> StandaloneCluster.tail(stage1Log, 80));
            for (Layout l : layouts) {
                if (!l.name().contains(only)) {
                    continue;
                }
                Path out = dir.resolve(l.name().replaceAll("[^a-z0-9]+", "-"));
                FileUtils.copyDirectory(stage1.resolve("stage1").toFile(), out.resolve("stage1").toFile());
                Map<String, String> conf = new HashMap<>(Map.of("spark.ui.enabled", "false",
                        "spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE",
                        "spark.executor.extraJavaOptions", "-Dai.djl.offline=true",
                        "spark.executor.cores", "1", "spark.executor.memory", "2g",
                        "spark.cores.max", String.valueOf(l.cores())));
                for (String kv : System.getProperty("benchmark.spark-conf", "").split(",")) {
                    if (!kv.isBlank()) {
                        conf.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                }
                List<String> args = new ArrayList<>(List.of("train", "--from-scratch",
                        "-c", repo.resolve("conf/local.conf").toString(),
                        "rl.rounds=" + rounds, "rl.checkpoint-every=0", "threads=1", "spark-train.partitions=2",
                        "reward.components.identity.models-dir=\"" + repo.resolve(".cache/face-api") + "\"",
                        "engine-cache-dir=\"" + Path.of(System.getProperty("DJL_CACHE_DIR")).toAbsolutePath() + "\"",
                        "output-dir=\"" + out + "\""));
                args.addAll(overrides);
                Path log = dir.resolve(out.getFileName() + ".log");
                Process p = cluster.submit(l.master(), app, "org.lrpo.jobs.cli.LrpoCli", conf, args, log);
                if (!p.waitFor(Duration.ofMinutes(30).toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
                assertEquals(0, p.exitValue(), () -> StandaloneCluster.tail(log, 80));
                List<JsonNode> rows = new ArrayList<>();
                for (String line : Files.readAllLines(out.resolve("train/metrics.jsonl"))) {
                    rows.add(JSON.readTree(line).get("spark"));
                }
                List<JsonNode> measured = rows.subList(1, rows.size());
                double wall = median(measured, r -> r.get("wallSeconds").asDouble());
                table.append(String.format(Locale.ROOT,
                        "| %s | %.2f | %.2f | %.2f | %.2f | %.3f | %.2f | %.1f %% | %.3f | %d | %.2f | %.0f | %.0f |%n",
                        l.name(), wall, median(measured, r -> r.get("rolloutSeconds").asDouble()),
                        median(measured, r -> r.get("rewardSeconds").asDouble()),
                        median(measured, r -> r.get("gradientSeconds").asDouble()),
                        median(measured, r -> r.get("driverSeconds").asDouble()),
                        median(measured, r -> r.get("overheadSeconds").asDouble()),
                        100 * median(measured, r -> r.get("overheadShare").asDouble()),
                        median(measured, r -> r.get("aggregationSeconds").asDouble()),
                        measured.get(0).get("sparkStages").asInt(), candidates / wall,
                        max(rows, r -> r.get("executorPeakRssMb").asDouble()),
                        max(rows, r -> r.get("driverPeakRssMb").asDouble())));
            }
        }
        Path report = Files.createDirectories(Path.of("target", "benchmarks")).resolve("spark-rounds.md");
        Files.writeString(report, table);
        System.out.println("BENCH spark rounds\n" + table);
    }

    private static double median(List<JsonNode> rows, ToDoubleFunction<JsonNode> f) {
        double[] v = rows.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double max(List<JsonNode> rows, ToDoubleFunction<JsonNode> f) {
        return Arrays.stream(rows.stream().mapToDouble(f).toArray()).max().orElse(-1);
    }
}

package org.lrpo.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.jobs.testing.CliRun;
import org.lrpo.jobs.testing.StandaloneCluster;

/**
 * What users run: the shaded application jar submitted to a Spark standalone cluster (a Master and two
 * Workers, separate JVMs on 127.0.0.1), {@code ingest}, {@code pretrain}, {@code train}, {@code restore} and
 * {@code report} end to end at a tiny size, with one executor JVM killed (SIGKILL) in the middle of an LRPO round. The cluster's final
 * weights and metric history must be those of the same three commands on {@code local[2]} in this JVM, bit
 * for bit: the partitioning fixes the arithmetic order and every draw is keyed, so neither the executor
 * layout nor a lost executor may change a single weight.
 */
class StandaloneClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);
    private static StandaloneCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = StandaloneCluster.start(2, 1, 1536);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void ingestPretrainAndTrainOnTheClusterSurviveALostExecutorAndMatchLocalSpark(@TempDir Path dir) throws Exception {
        Path app = Path.of(System.getProperty("application.jar"));
        assertTrue(Files.isRegularFile(app), "the shaded jar is built before integration tests: " + app);

        Path onCluster = dir.resolve("cluster");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Map<String, String> conf = Map.of(
                "spark.executor.cores", "1",
                "spark.executor.memory", "1g",
                "spark.cores.max", "2",
                "spark.ui.enabled", "false",
                "spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE",
                "spark.executor.extraJavaOptions", "-Dai.djl.offline=true");

        assertEquals(0, cluster.run(app, "org.lrpo.jobs.cli.LrpoCli", conf, ingestArgs(onCluster), logs.resolve("ingest.log"),
                JOB_TIMEOUT), () -> StandaloneCluster.tail(logs.resolve("ingest.log"), 60));
        String ingestLog = Files.readString(logs.resolve("ingest.log"));
        assertTrue(ingestLog.contains("ingest: 24 inputs") && ingestLog.contains("rejected:   0 (none)"), ingestLog);

        assertEquals(0, cluster.run(app, "org.lrpo.jobs.cli.LrpoCli", conf, jobArgs("pretrain", onCluster),
                logs.resolve("pretrain.log"), JOB_TIMEOUT), () -> StandaloneCluster.tail(logs.resolve("pretrain.log"), 60));

        Path trainLog = logs.resolve("train.log");
        int uiPort = StandaloneCluster.freePort();
        Map<String, String> withUi = new HashMap<>(conf);
        withUi.putAll(Map.of("spark.ui.enabled", "true", "spark.ui.port", String.valueOf(uiPort)));
        Process train = cluster.submit(app, "org.lrpo.jobs.cli.LrpoCli", withUi, jobArgs("train", onCluster), trainLog);
        long killed = killABusyExecutorAfter(train, trainLog, "LRPO round 1/5", "LRPO round 5/5", uiPort);
        assertTrue(train.waitFor(JOB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "train did not finish");
        String trainOut = Files.readString(trainLog);
        trainOut.lines().filter(l -> l.contains("LRPO round") || l.contains("Lost executor") || l.contains("ExecutorLostFailure"))
                .forEach(l -> System.out.println("cluster train: " + l));
        assertEquals(0, train.exitValue(), trainOut);
        assertTrue(trainOut.contains("LRPO round 5/5"), trainOut);
        assertTrue(trainOut.contains("Lost executor"), "the driver saw executor JVM " + killed + " go:\n" + trainOut);
        // Usually a task dies with it; the executors' REST state can lag a task that has just finished, so a
        // kill between two of the round's tasks is accepted too: the executor's cached trajectories are lost
        // either way and the round's remaining stages must recompute them.
        System.out.println("cluster train: the killed executor " + (trainOut.contains("ExecutorLostFailure")
                ? "had a task running" : "was between two of the round's tasks"));
        assertTrue(cluster.executors().stream().noneMatch(h -> h.pid() == killed));

        Path onLocal = dir.resolve("local");
        for (List<String> job : List.of(ingestArgs(onLocal), jobArgs("pretrain", onLocal), jobArgs("train", onLocal))) {
            List<String> args = new ArrayList<>(job);
            args.add("spark.master=\"local[2]\"");
            CliRun.Outcome o = CliRun.run(args.toArray(String[]::new));
            assertEquals(0, o.code(), o.err());
        }

        // The second use on the cluster: whole photos restored with the models the cluster trained.
        Path photos = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 3; i++) {
            Files.write(photos.resolve("photo " + i + ".png"), org.lrpo.core.image.ImageCodec.encodePng(
                    org.lrpo.core.faces.SceneGenerator.scene(11, i, 160, 160, org.lrpo.core.faces.SceneOptions.defaults()
                            .withFaces(1, 2).withFaceSizes(48, 64).withBorderCutProbability(0)).photo()));
        }
        Files.write(photos.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        List<String> restore = new ArrayList<>(jobArgs("restore", onCluster));
        restore.addAll(List.of("--input", photos.toString(), "--output", dir.resolve("restored").toString(),
                "--checkpoint", onCluster.toString(), "restore.partitions=2"));
        assertEquals(0, cluster.run(app, "org.lrpo.jobs.cli.LrpoCli", conf, restore, logs.resolve("restore.log"),
                JOB_TIMEOUT), () -> StandaloneCluster.tail(logs.resolve("restore.log"), 60));
        String restoreLog = Files.readString(logs.resolve("restore.log"));
        assertTrue(restoreLog.contains("restore: 4 inputs -> ") && restoreLog.contains("1 quarantined"), restoreLog);
        for (int i = 0; i < 3; i++) {
            assertTrue(Files.isRegularFile(dir.resolve("restored").resolve("photo " + i + ".png")), restoreLog);
        }

        // The third use on the cluster: a report of the trained models, the run's curves and the restore.
        List<String> report = new ArrayList<>(jobArgs("report", onCluster));
        report.addAll(List.of("--output", dir.resolve("report").toString(), "--dataset",
                onCluster.resolve("faces").toString(), "--checkpoint", "lrpo=" + onCluster, "--run", onCluster.toString(),
                "--restore-run", dir.resolve("restored").toString(), "report.partitions=2",
                "report.bootstrap.resamples=200"));
        assertEquals(0, cluster.run(app, "org.lrpo.jobs.cli.LrpoCli", conf, report, logs.resolve("report.log"),
                JOB_TIMEOUT), () -> StandaloneCluster.tail(logs.resolve("report.log"), 60));
        String reportLog = Files.readString(logs.resolve("report.log"));
        assertTrue(reportLog.contains("| lrpo |") && reportLog.contains("report.html"), reportLog);
        assertTrue(Files.isRegularFile(dir.resolve("report/report.html")), reportLog);

        for (String stage : List.of("stage1", "pretrain", "train")) {
            Path clusterWeights = newestCheckpoint(onCluster.resolve(stage)).resolve("weights.safetensors");
            Path localWeights = newestCheckpoint(onLocal.resolve(stage)).resolve("weights.safetensors");
            assertEquals(clusterWeights.getParent().getFileName(), localWeights.getParent().getFileName());
            assertArrayEquals(Files.readAllBytes(localWeights), Files.readAllBytes(clusterWeights),
                    stage + " weights on the cluster (one executor killed) differ from local[2]'s");
            assertEquals(metricsWithoutTimes(onLocal.resolve(stage)), metricsWithoutTimes(onCluster.resolve(stage)),
                    stage + " metric history");
        }
    }

    /**
     * Waits for {@code marker} in the driver's log, then for an executor with a running task (the driver's
     * REST API), and SIGKILLs that executor's JVM. Rounds follow each other without a pause and the kill must
     * come before {@code last} is printed, so it lands inside a round.
     */
    private static long killABusyExecutorAfter(Process driver, Path log, String marker, String last, int uiPort)
            throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        boolean seen = false;
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                throw new AssertionError("train ended before an executor could be killed after '" + marker + "':\n"
                        + StandaloneCluster.tail(log, 80));
            }
            seen = seen || (Files.exists(log) && Files.readString(log).contains(marker));
            if (seen) {
                for (JsonNode e : driverApi(uiPort, "/executors")) {
                    if (!"driver".equals(e.path("id").asText()) && e.path("activeTasks").asInt() > 0) {
                        assertTrue(!Files.readString(log).contains(last), "the run ended before the kill");
                        ProcessHandle victim = cluster.executor(e.path("id").asText());
                        assertTrue(victim.destroyForcibly(), "could not kill executor " + victim.pid());
                        victim.onExit().get(30, TimeUnit.SECONDS);
                        return victim.pid();
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no busy executor after '" + marker + "' within " + JOB_TIMEOUT + ":\n"
                + StandaloneCluster.tail(log, 80));
    }

    /** GET {@code /api/v1/applications/<the one app><path>} from the driver's UI. */
    private static JsonNode driverApi(int uiPort, String path) throws IOException {
        String base = "http://127.0.0.1:" + uiPort + "/api/v1/applications";
        String app = JSON.readTree(URI.create(base).toURL()).get(0).path("id").asText();
        return JSON.readTree(URI.create(base + "/" + app + path).toURL());
    }

    private static List<String> ingestArgs(Path out) {
        List<String> a = new ArrayList<>(List.of("ingest", "--generate", "24", "--output",
                out.resolve("faces").toString()));
        a.addAll(tiny(out));
        return a;
    }

    private static List<String> jobArgs(String job, Path out) {
        List<String> a = new ArrayList<>(List.of(job));
        a.addAll(tiny(out));
        return a;
    }

    /**
     * Tiny sizes; the composite reward without its face-network and NIQE terms (SSIM + DT-CWT lowpass are
     * meaningful at 16 px, the other two are not).
     */
    private static List<String> tiny(Path out) {
        return List.of("model.resolution=16", "model.base-channels=8", "model.channel-multipliers=[1,2]",
                "model.group-norm-groups=4", "model.time-embedding-dim=16", "sampler.denoising-steps=5",
                "data.held-out-fraction=0.1", "seed=11", "threads=1",
                "engine-cache-dir=\"" + Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")).toAbsolutePath() + "\"",
                "pretrain.optimiser-steps=4", "pretrain.batch-size=4", "pretrain.warmup-steps=0", "pretrain.checkpoint-every=2",
                "restoration.channels=8", "restoration.blocks=1", "restoration.optimiser-steps=4", "restoration.batch-size=4",
                "restoration.warmup-steps=0", "restoration.checkpoint-every=2",
                "rl.rounds=5", "rl.faces-per-round=4", "rl.group-size=3", "rl.checkpoint-every=1",
                "reward.weights.identity=0", "reward.weights.niqe=0", "reward.weights.ssim=0.5",
                "reward.weights.dwt_lowpass=0.5",
                "spark-train.partitions=2", "spark-train.dataset=\"" + out.resolve("faces") + "\"", "output-dir=\"" + out + "\"");
    }

    private static Path newestCheckpoint(Path stage) throws IOException {
        try (Stream<Path> s = Files.list(stage.resolve("checkpoints"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("step-")).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no checkpoint in " + stage));
        }
    }

    /** The metric rows without what depends on the machine: times, and the Spark time split. */
    private static List<String> metricsWithoutTimes(Path stage) throws IOException {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(stage.resolve("metrics.jsonl"))) {
            ObjectNode row = (ObjectNode) JSON.readTree(line);
            List<String> times = new ArrayList<>();
            row.fieldNames().forEachRemaining(f -> {
                if (f.endsWith("Seconds")) {
                    times.add(f);
                }
            });
            times.add("spark");
            row.remove(times);
            rows.add(row.toString());
        }
        return rows;
    }
}

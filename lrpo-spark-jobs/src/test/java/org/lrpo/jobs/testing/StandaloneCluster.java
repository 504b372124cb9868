package org.lrpo.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 built from the Spark jars Maven resolved: a Master and N Workers,
 * each its own JVM, and {@code spark-submit} done the way the script does it ({@code java -cp
 * "conf:jars/*" org.apache.spark.deploy.SparkSubmit ...}). No Spark tarball exists on this machine, so
 * {@code SPARK_HOME/jars} is a folder of links to the jars of the build's Spark dependencies
 * ({@code target/spark-distribution/*.classpath}, written by the POM); the application jar is the shaded
 * one, exactly as a user submits it.
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final int masterPort;
    private final int webUiPort;
    private final List<Process> daemons = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();

    private StandaloneCluster(Path home, int masterPort, int webUiPort) {
        this.home = home;
        this.masterPort = masterPort;
        this.webUiPort = webUiPort;
    }

    /** Starts a Master and {@code workers} Workers of {@code cores} cores and {@code memoryMb} each; waits until all registered. */
    public static StandaloneCluster start(int workers, int cores, int memoryMb) throws IOException, InterruptedException {
        Path home = sparkHome();
        StandaloneCluster cluster = new StandaloneCluster(home, freePort(), freePort());
        try {
            cluster.daemons.add(cluster.launch("master", List.of("org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(cluster.masterPort),
                    "--webui-port", String.valueOf(cluster.webUiPort))));
            for (int i = 0; i < workers; i++) {
                Path workDir = Files.createDirectories(home.resolve("work").resolve("worker-" + i));
                Process w = cluster.launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", memoryMb + "m",
                        "--webui-port", "0", "--work-dir", workDir.toString(), cluster.masterUrl()));
                cluster.daemons.add(w);
                cluster.workers.add(w);
            }
            cluster.awaitWorkers(workers, Duration.ofMinutes(2));
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    public Path home() {
        return home;
    }

    /**
     * Submits {@code mainClass} from {@code appJar} in client mode (the driver is a child JVM of this test,
     * its output in {@code log}); returns at once.
     */
    public Process submit(Path appJar, String mainClass, Map<String, String> sparkConf, List<String> args, Path log)
            throws IOException {
        return submit(masterUrl(), appJar, mainClass, sparkConf, args, log);
    }

    /** As {@link #submit(Path, String, Map, List, Path)} with another master (e.g. {@code local[2]}, for comparisons). */
    public Process submit(String master, Path appJar, String mainClass, Map<String, String> sparkConf, List<String> args,
                          Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", master,
                "--deploy-mode", "client", "--class", mainClass));
        sparkConf.forEach((k, v) -> cmd.addAll(List.of("--conf", k + "=" + v)));
        cmd.add(appJar.toString());
        cmd.addAll(args);
        return java(cmd, "-Xmx1g", log);
    }

    /** Runs {@link #submit} to the end and returns the driver's exit code. */
    public int run(Path appJar, String mainClass, Map<String, String> sparkConf, List<String> args, Path log,
                   Duration timeout) throws IOException, InterruptedException {
        Process p = submit(appJar, mainClass, sparkConf, args, log);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException("driver still running after " + timeout + "; log " + log + ":\n"
                    + tail(log, 60));
        }
        return p.exitValue();
    }

    /** The executor JVMs the Workers are running now (any application). */
    public List<ProcessHandle> executors() {
        return workers.stream().flatMap(Process::descendants)
                .filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .toList();
    }

    /** The JVM of executor {@code id} (Spark's executor id, as the driver reports it). */
    public ProcessHandle executor(String id) {
        List<ProcessHandle> matches = executors().stream()
                .filter(h -> h.info().commandLine().orElse("").contains("--executor-id " + id + " ")).toList();
        if (matches.size() != 1) {
            throw new IllegalStateException("expected one JVM for executor " + id + ", found " + matches.size());
        }
        return matches.get(0);
    }

    /** The Master's view (its JSON endpoint): alive workers, applications and their executors' state. */
    public JsonNode masterState() throws IOException {
        return JSON.readTree(URI.create("http://127.0.0.1:" + webUiPort + "/json/").toURL());
    }

    @Override
    public void close() {
        // Workers first, so they do not log the Master's disappearance; their executors with them.
        for (Process w : workers) {
            w.descendants().forEach(ProcessHandle::destroyForcibly);
            w.destroy();
        }
        for (Process p : daemons) {
            p.destroy();
        }
        for (Process p : daemons) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    /** The last {@code lines} lines of a log, for failure messages. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private Process launch(String name, List<String> mainAndArgs) throws IOException {
        return java(mainAndArgs, "-Xmx512m", Files.createDirectories(home.resolve("logs")).resolve(name + ".log"));
    }

    private Process java(List<String> mainAndArgs, String heap, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap));
        cmd.addAll(Arrays.asList(System.getProperty("java17.opens", "").trim().split("\\s+")));
        // The driver is this JVM in client mode: DJL must stay offline and share the build's native cache.
        cmd.add("-Dai.djl.offline=true");
        if (System.getProperty("DJL_CACHE_DIR") != null) {
            cmd.add("-DDJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR"));
        }
        cmd.addAll(List.of("-cp", home.resolve("conf") + ":" + home.resolve("jars") + "/*"));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd.stream().filter(s -> !s.isEmpty()).toList())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", System.getenv().getOrDefault("SPARK_SCALA_VERSION", "2.12"));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        // Daemons, drivers and the executors the workers fork all find the face-api weights where this build keeps them.
        pb.environment().put(org.lrpo.rewards.faces.FaceModelFiles.ENV,
                org.lrpo.rewards.faces.FaceModelFiles.locate().root().toString());
        return pb.start();
    }

    private void awaitWorkers(int expected, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process p : daemons) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster daemon exited with " + p.exitValue() + "; logs in "
                            + home.resolve("logs") + ":\n" + tail(home.resolve("logs/master.log"), 30));
                }
            }
            try {
                JsonNode state = masterState();
                last = state.path("aliveworkers").asText();
                if (state.path("aliveworkers").asInt() == expected) {
                    return;
                }
            } catch (IOException notUpYet) {
                last = notUpYet.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("only " + last + " of " + expected + " workers registered within " + timeout
                + "; logs in " + home.resolve("logs"));
    }

    /**
     * SPARK_HOME with jars/ linking the distribution's jars and conf/ holding the repo's log4j2 settings
     * (Spark at WARN, which still logs lost executors and failed tasks).
     */
    private static Path sparkHome() throws IOException {
        String homeEnv = System.getenv("SPARK_HOME");
        String lists = System.getProperty("spark.distribution.classpath");
        if (homeEnv == null || lists == null) {
            throw new IllegalStateException("SPARK_HOME / spark.distribution.classpath unset: run through Maven "
                    + "(Failsafe sets them)");
        }
        Path home = Path.of(homeEnv).toAbsolutePath();
        Path jars = Files.createDirectories(home.resolve("jars"));
        try (Stream<Path> old = Files.list(jars)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        for (String list : List.of("provided.classpath", "shared.classpath")) {
            for (String jar : Files.readString(Path.of(lists, list)).trim().split(":")) {
                Path target = Path.of(jar);
                Path link = jars.resolve(target.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, target);
                }
            }
        }
        Path conf = Files.createDirectories(home.resolve("conf"));
        Path repoLogging = Path.of(System.getProperty("repo.root", "."), "conf", "log4j2.properties");
        try {
            Files.copy(repoLogging, conf.resolve("log4j2.properties"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + repoLogging, e);
        }
        return home;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

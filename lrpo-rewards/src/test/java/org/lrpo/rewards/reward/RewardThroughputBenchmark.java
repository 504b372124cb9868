package org.lrpo.rewards.reward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.reward.Reward;
import org.lrpo.rewards.faces.FaceDescriptorNet;
import org.lrpo.rewards.faces.FaceModelFiles;
import org.lrpo.rewards.metrics.NiqeModels;

/**
 * Images per second of every reward component and of the default composite (not a test: prints a Markdown
 * table for BENCHMARKS.md), the start-up cost of the NIQE model fitted on generated faces, and the face
 * descriptor network against face-api's own speed (Node, TensorFlow.js WASM backend) in the same run. From
 * the repository root, after the face-api weights and Node packages are in place
 * ({@code scripts/fetch-face-models.sh}, {@code scripts/face-api-reference.sh} installs on first use):
 *
 * <pre>
 * ./mvnw -B -o -q -pl lrpo-rewards test-compile
 * ./mvnw -B -o -q -pl lrpo-rewards dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -DDJL_CACHE_DIR=$PWD/.cache/djl \
 *      -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
 *      -cp lrpo-rewards/target/test-classes:lrpo-rewards/target/classes:$(cat lrpo-rewards/target/cp.txt) \
 *      org.lrpo.rewards.reward.RewardThroughputBenchmark [seconds=4]
 * </pre>
 *
 * Each measurement scores batches of one rollout group (G = 9 candidates, noisy copies of one generated face,
 * against that face) for the given wall-clock seconds after one warm-up batch; "1 thread" is one Java thread,
 * "all cores" one Java thread per core ({@link Runtime#availableProcessors()}), each scoring its own
 * batches with the same component (components are thread-safe). libtorch gets one intra-op thread
 * ({@code ai.djl.pytorch.num_threads=1}), so the network components scale by Java threads like the others.
 * The load average is printed before and after: on a shared machine the numbers are only comparable within
 * a run.
 */
public final class RewardThroughputBenchmark {
    private static final long SEED = 20261126L;
    private static final int GROUP = 9;

    private RewardThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 4.0;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("cores %d, OMP_WAIT_POLICY=%s, load average at start: %s%n", cores,
                System.getenv("OMP_WAIT_POLICY"), loadAverage());
        FaceModelFiles files = FaceModelFiles.locate();

        niqeStartUp();

        StringBuilder table = new StringBuilder("| component | size | 1 thread (img/s) | " + cores
                + " threads (img/s) |\n|---|---|---|---|\n");
        for (int size : new int[] {64, 256}) {
            RgbImage gt = FaceGenerator.face(SEED, 0, 0, size);
            List<RgbImage> xs = new ArrayList<>();
            List<RgbImage> gts = new ArrayList<>();
            for (int i = 0; i < GROUP; i++) {
                xs.add(noisy(gt, 0.05, i));
                gts.add(gt);
            }
            Map<String, Supplier<Reward>> rewards = new LinkedHashMap<>();
            Map<String, Object> identityOptions = Map.of("models-dir", files.root().toString());
            Map<String, Object> niqeOptions = Map.of("fit-resolution", size);
            RewardRegistry registry = RewardRegistry.builtIns().build();
            for (String name : List.of("identity", "ssim", "ms_ssim", "psnr", "dwt_lowpass", "niqe")) {
                Map<String, Map<String, ?>> options = Map.of("identity", identityOptions, "niqe", niqeOptions);
                rewards.put(name, () -> registry.build(new RewardSettings(Map.of(name, 1.0), options)));
            }
            rewards.put("default composite", () -> registry.build(new RewardSettings(
                    RewardSettings.methodDefault().weights(), Map.of("identity", identityOptions, "niqe", niqeOptions))));
            for (Map.Entry<String, Supplier<Reward>> e : rewards.entrySet()) {
                try (Reward reward = e.getValue().get()) {
                    double one = imagesPerSecond(reward, xs, gts, 1, seconds);
                    double all = imagesPerSecond(reward, xs, gts, cores, seconds);
                    String row = String.format("| %s | %dx%d | %.1f | %.1f |", e.getKey(), size, size, one, all);
                    System.out.println(row);
                    table.append(row).append('\n');
                }
            }
        }
        System.out.println();
        System.out.print(table);
        faceApiComparison(files);
        System.out.printf("load average at end: %s%n", loadAverage());
    }

    /** The cost of building the default niqe component without a file: rendering the faces, then fitting. */
    private static void niqeStartUp() {
        for (int run = 1; run <= 2; run++) {
            long t0 = System.nanoTime();
            List<RgbImage> faces = FaceGenerator.faceList(NiqeModels.DEFAULT_SEED, NiqeModels.DEFAULT_FACES, 64);
            long t1 = System.nanoTime();
            NiqeModels.fitOnGeneratedFaces(NiqeModels.DEFAULT_SEED, NiqeModels.DEFAULT_FACES, 64);
            long t2 = System.nanoTime();
            System.out.printf("niqe start-up, run %d (%s JVM): render %d faces at 64 px %.2f s; "
                    + "fitOnGeneratedFaces (render + fit, B = 16) %.2f s%n", run, run == 1 ? "cold" : "warm",
                    faces.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
    }

    private static double imagesPerSecond(Reward reward, List<RgbImage> xs, List<RgbImage> gts, int threads,
            double seconds) throws InterruptedException {
        reward.score(xs, gts);
        AtomicLong images = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        CountDownLatch done = new CountDownLatch(threads);
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        reward.score(xs, gts);
                        images.addAndGet(xs.size());
                    }
                } finally {
                    done.countDown();
                }
            });
            worker.setDaemon(true);
            worker.start();
        }
        done.await();
        return images.get() / ((System.nanoTime() - t0) / 1e9);
    }

    /** Descriptors per second of the Java port and of face-api under Node on one 150x150 face, same run. */
    private static void faceApiComparison(FaceModelFiles files) throws IOException, InterruptedException {
        RgbImage face = quantised(FaceGenerator.face(SEED, 1, 0, FaceDescriptorNet.INPUT_SIZE));
        List<RgbImage> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(face);
        }
        int repeats = 5;
        double java1;
        double java9;
        try (FaceDescriptorNet net = FaceDescriptorNet.load(files)) {
            net.describe(face);
            net.describe(nine);
            long t0 = System.nanoTime();
            for (int r = 0; r < repeats * 9; r++) {
                net.describe(face);
            }
            java1 = repeats * 9 / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                net.describe(nine);
            }
            java9 = repeats * 9 / ((System.nanoTime() - t0) / 1e9);
        }
        Path repo = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        Path dir = Files.createDirectories(repo.resolve("lrpo-rewards/target/reward-benchmark"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode spec = json.createObjectNode();
        spec.put("modelDir", files.modelDir().toString());
        spec.putArray("images").addObject().put("name", "face").put("file", "face.rgb")
                .put("width", face.width()).put("height", face.height());
        spec.putObject("benchmark").put("image", "face").put("repeats", repeats);
        Files.write(dir.resolve("face.rgb"), interleavedBytes(face));
        json.writeValue(dir.resolve("inputs.json").toFile(), spec);
        Path out = dir.resolve("speed.json");
        Process p = new ProcessBuilder(repo.resolve("scripts/face-api-reference.sh").toString(),
                dir.resolve("inputs.json").toString(), out.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("scripts/face-api-reference.sh failed (exit " + p.exitValue() + ")");
        }
        JsonNode speed = json.readTree(out.toFile()).path("speed");
        double node1 = speed.path("descriptorsPerSecondBatch1").asDouble();
        double node9 = speed.path("descriptorsPerSecondBatch9").asDouble();
        System.out.println();
        System.out.println("| face descriptor net (150x150) | batch 1 (desc/s) | batch 9 (desc/s) |");
        System.out.println("|---|---|---|");
        System.out.printf("| Java port (DJL PyTorch CPU, 1 intra-op thread) | %.1f | %.1f |%n", java1, java9);
        System.out.printf("| face-api 1.7.15, Node, tfjs WASM backend | %.1f | %.1f |%n", node1, node9);
        System.out.printf("| ratio Java / face-api | %.2f | %.2f |%n", java1 / node1, java9 / node9);
    }

    private static RgbImage noisy(RgbImage image, double sigma, int candidate) {
        SplittableRandom rnd = Seeds.stream(SEED, "reward-benchmark-noise", candidate);
        float[] v = image.chw().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.min(1, Math.max(0, v[i] + sigma * rnd.nextGaussian()));
        }
        return RgbImage.wrap(image.width(), image.height(), v);
    }

    /** 8-bit values, so Java and Node see the same pixels. */
    private static RgbImage quantised(RgbImage image) {
        float[] v = image.chw().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(Math.min(1, Math.max(0, v[i])) * 255f) / 255f;
        }
        return RgbImage.wrap(image.width(), image.height(), v);
    }

    private static byte[] interleavedBytes(RgbImage image) {
        int plane = image.width() * image.height();
        float[] v = image.chw();
        byte[] rgb = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                rgb[3 * i + c] = (byte) Math.round(v[c * plane + i] * 255f);
            }
        }
        return rgb;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}

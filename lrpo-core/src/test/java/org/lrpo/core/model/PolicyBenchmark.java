package org.lrpo.core.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.lrpo.core.checkpoint.SafetensorsWriter;
import org.lrpo.core.config.LearningRateShape;
import org.lrpo.core.config.PretrainSettings;
import org.lrpo.core.diffusion.DdimSampler;
import org.lrpo.core.diffusion.GaussianNoise;
import org.lrpo.core.diffusion.NoiseKey;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.diffusion.Rollout;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.optim.NamedTensor;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.Pretrainer;
import org.lrpo.core.train.TrainingPair;

/**
 * Measures the default policy against its PyTorch eager port (not a test: prints numbers). Run from the
 * repository root (or use {@code scripts/bench-policy.sh}, which does this for 1 and 2 threads, several
 * times, and prints medians):
 *
 * <pre>
 * ./mvnw -B -o -q -pl lrpo-core test-compile
 * ./mvnw -B -o -q -pl lrpo-core dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -DDJL_CACHE_DIR=$PWD/.cache/djl \
 *      -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
 *      -cp lrpo-core/target/test-classes:lrpo-core/target/classes:$(cat lrpo-core/target/cp.txt) \
 *      org.lrpo.core.model.PolicyBenchmark [batch=9] [repeats=20] [K=50] [memoryRollouts=0] [torch=true]
 *      [matmul=1024] [resolution=64] [profile=djl-trace.json] [profile-repeats=5]
 * </pre>
 *
 * (The first four may also be given positionally, in that order.) {@code resolution} is the images' size
 * (the Spark runs use 32; the parameters do not depend on it), the same on both sides. Reports, all at
 * the same thread count ({@code ai.djl.pytorch.num_threads}, handed to the PyTorch script as
 * {@code torch.set_num_threads}; set {@code OPENBLAS_NUM_THREADS} and {@code OMP_NUM_THREADS} to it too,
 * as the script does, or the PyTorch side refuses to run):
 * <ul>
 *   <li>where the figures come from (issue 16): DJL and libtorch versions, the features DJL's libtorch
 *       reports (MKL is linked into it), the native libraries mapped into this JVM, the PyTorch side's
 *       BLAS, torch build and versions as it found them after {@code import torch}, the CPU model and its
 *       vector/matrix flags, the thread environment, and the load average at start and end;</li>
 *   <li>parameter counts, and the NDArrays (native op results, each one or more JNI crossings) one forward
 *       creates;</li>
 *   <li>no-grad forward passes per second at batch G; one forward + backward of {@code mean(eps^2)}
 *       (control-only and all trainable); one {@link Pretrainer} step (METHOD 7 objective, gradient
 *       read-out, clipping, AdamW, EMA, weight write-back) on fixed pairs, so data generation is excluded;</li>
 *   <li>achieved FLOP/s of the forward ({@link UNetFlops}) against an {@code n x n} {@code matMul}'s through
 *       the same engine;</li>
 *   <li>with {@code torch=true}: writes the (perturbed, so that the control branch is live) weights, an
 *       input, the output and the gradients as safetensors, runs
 *       {@code src/test/python/policy_torch_bench.py --serve} under {@code /usr/bin/python3}, which loads
 *       them and checks its output and gradients agree; then every repetition of every figure runs once in
 *       DJL and once in PyTorch, alternately (on a shared, loaded machine, timing one engine after the other
 *       compared different loads), {@code repeats} times for each of the four paired figures; prints the
 *       medians and the median and quartiles of the paired DJL/PyTorch ratios, and keeps every
 *       repetition's pair in the RESULT line, so the script can pool them over runs;</li>
 *   <li>with {@code profile=FILE}: the share of a no-grad forward's and of a forward + backward's wall time
 *       spent outside libtorch's operators (the Java path's own cost), from libtorch's profiler traces of
 *       {@code profile-repeats} calls each; the last traces stay in {@code FILE} and {@code FILE-train.json}
 *       (chrome-trace JSON; {@code src/test/python/profile_summary.py FILE} gives self time per operator);</li>
 *   <li>a full K-step rollout and its bytes per candidate (K=0 skips it); optionally VmRSS over
 *       {@code memoryRollouts * K} further sampler steps.</li>
 * </ul>
 * The last line, {@code RESULT {json}}, holds every figure for the script that aggregates runs.
 */
public final class PolicyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TORCH_SCRIPT = "policy_torch_bench.py";

    private PolicyBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int batch = Integer.parseInt(opt.getOrDefault("batch", "9"));
        int repeats = Integer.parseInt(opt.getOrDefault("repeats", "20"));
        int k = Integer.parseInt(opt.getOrDefault("K", "50"));
        int memoryRollouts = Integer.parseInt(opt.getOrDefault("memoryRollouts", "0"));
        boolean torch = Boolean.parseBoolean(opt.getOrDefault("torch", "true"));
        int matmul = Integer.parseInt(opt.getOrDefault("matmul", "1024"));
        int resolution = Integer.parseInt(opt.getOrDefault("resolution",
                Integer.toString(PolicyConfig.defaults().resolution())));
        PolicyConfig config = PolicyConfig.builder().resolution(resolution).build();
        String threads = System.getProperty("ai.djl.pytorch.num_threads", "default");
        ObjectNode result = JSON.createObjectNode();
        System.out.println("config " + config);
        System.out.println("torch threads property: " + threads + ", interop "
                + System.getProperty("ai.djl.pytorch.num_interop_threads") + ", environment " + runtimeEnv());
        result.put("threads", threads);
        result.put("resolution", resolution);
        result.put("batch", batch);
        result.put("repeats", repeats);
        result.put("load_start", loadAverage());
        Engine engine = Engine.getEngine("PyTorch");
        result.put("engine", engine.getEngineName() + " " + engine.getVersion());
        provenance(result, engine);
        try (ConditionalDenoiser policy = ConditionalDenoiser.create(config, Device.cpu(), 1L);
                NDManager scope = policy.manager().newSubManager()) {
            System.out.printf("parameters: total %,d = base %,d + control %,d%n", policy.parameterCount(),
                    policy.parameterCount(ParameterGroup.BASE), policy.parameterCount(ParameterGroup.CONTROL));
            result.put("parameters", policy.parameterCount());
            NetworkParameters parameters = new NetworkParameters(policy);
            perturb(parameters);
            int d = config.elementsPerImage();
            float[] values = GaussianNoise.draw(Seeds.stream(1L, "bench"), batch * d);
            NDArray xt = scope.create(values, new Shape(batch, 3, config.resolution(), config.resolution()));
            NDArray lq = xt.get("0:1");
            int[] t = new int[batch];
            Arrays.fill(t, 501);

            Path exchange = torch ? Files.createTempDirectory("policy-bench") : null;
            if (torch) {
                writeExchange(policy, parameters, xt, t, lq, exchange);
            }
            long flops = UNetFlops.forward(config, batch);
            result.put("forward_flops", flops);
            result.put("ops_per_forward", opsPerForward(policy, xt, t, lq));
            System.out.printf("forward FLOPs (conv + linear, analytic) at batch %d: %,d; NDArrays created per "
                    + "forward: %d%n", batch, flops, result.get("ops_per_forward").asInt());

            TorchPeer peer = torch ? TorchPeer.start(exchange, threads, batch, resolution, repeats, matmul) : null;
            ObjectNode py = JSON.createObjectNode();
            ObjectNode ratios = JSON.createObjectNode();
            if (peer != null) {
                py = (ObjectNode) peer.info;
                checkAgreement(result, py);
            }
            System.out.println("load average at start: " + loadAverage());
            double[][] fwd = time(3, repeats, () -> forward(policy, xt, t, lq), peer, "forward");
            record(result, py, ratios, "forward_ms", fwd);
            System.out.printf("forward (no grad) batch %d: median %.1f ms (min %.1f), %.2f forward passes/s, %.1f"
                    + " images/s, %.1f GFLOP/s%n", batch, median(fwd[0]), min(fwd[0]), 1000 / median(fwd[0]),
                    batch * 1000 / median(fwd[0]), flops / median(fwd[0]) / 1e6);

            policy.setTrainable(TrainableSet.CONTROL_ONLY);
            double[][] control = time(2, Math.max(3, repeats / 2), () -> backward(policy, xt, t, lq), null, null);
            System.out.printf("forward+backward batch %d, trainable %s: median %.1f ms (min %.1f)%n", batch,
                    TrainableSet.CONTROL_ONLY, median(control[0]), min(control[0]));
            policy.setTrainable(TrainableSet.ALL);
            double[][] fb = time(2, repeats, () -> backward(policy, xt, t, lq), peer, "forward_backward");
            record(result, py, ratios, "forward_backward_ms", fb);
            System.out.printf("forward+backward batch %d, trainable %s: median %.1f ms (min %.1f)%n", batch,
                    TrainableSet.ALL, median(fb[0]), min(fb[0]));

            double[][] mm = matMul(policy.manager(), matmul, repeats, peer);
            record(result, py, ratios, "matmul_ms", mm);
            result.put("matmul_n", matmul);
            double unetGflops = flops / median(fwd[0]) / 1e6;
            double mmGflops = 2.0 * matmul * matmul * matmul / median(mm[0]) / 1e6;
            result.put("unet_gflops", unetGflops);
            result.put("matmul_gflops", mmGflops);
            System.out.printf("matMul %dx%d: median %.2f ms = %.1f GFLOP/s; UNet forward %.1f GFLOP/s = %.0f%% of it%n",
                    matmul, matmul, median(mm[0]), mmGflops, unetGflops, 100 * unetGflops / mmGflops);

            Pretrainer trainer = pretrainer(policy, engine, batch);
            double[][] step = time(2, repeats, trainer::step, peer, "supervised_step");
            record(result, py, ratios, "supervised_step_ms", step);
            System.out.printf("Pretrainer step batch %d (METHOD 7 loss, backward, clip, AdamW, EMA): median %.1f ms"
                    + " (min %.1f)%n", batch, median(step[0]), min(step[0]));
            result.put("load_end_djl", loadAverage());

            if (peer != null) {
                peer.close();
                py.put("unet_gflops", flops / py.get("forward_ms").asDouble() / 1e6);
                py.put("matmul_gflops", 2.0 * matmul * matmul * matmul / py.get("matmul_ms").asDouble() / 1e6);
                result.set("torch", py);
                result.set("djl_over_torch_time", ratios);
                printComparison(result, py, ratios);
                deleteTree(exchange);
            }

            String trace = opt.get("profile");
            if (trace != null) {
                profile(policy, xt, t, lq, trace, Integer.parseInt(opt.getOrDefault("profile-repeats", "5")), result);
            }

            if (k > 0) {
                DdimSampler sampler = new DdimSampler(policy, NoiseSchedule.stableDiffusion().ddim(k), 1.0);
                List<NoiseKey> keys = IntStream.range(0, batch).mapToObj(c -> new NoiseKey(1, 0, 7, c)).toList();
                long start = System.nanoTime();
                Rollout r = sampler.sample(lq, keys);
                double seconds = (System.nanoTime() - start) / 1e9;
                long bytes = r.trajectory(0).payloadBytes();
                System.out.printf("rollout K=%d, G=%d: %.2f s (%.1f ms per step); bytes per candidate %,d%n", k,
                        batch, seconds, 1000 * seconds / k, bytes);
                result.put("rollout_K", k);
                result.put("rollout_step_ms", 1000 * seconds / k);
                result.put("rollout_bytes_per_candidate", bytes);

                if (memoryRollouts > 0) {
                    System.gc();
                    long rss0 = rssKb();
                    for (int i = 0; i < memoryRollouts; i++) {
                        sampler.sample(lq, keys);
                        System.gc();
                    }
                    System.out.printf("VmRSS after 1 rollout %,d kB, after %d more (%d steps) %,d kB; arrays in policy"
                            + " manager %d%n", rss0, memoryRollouts, memoryRollouts * k, rssKb(),
                            policy.manager().getManagedArrays().size());
                }
            }
        }
        result.put("load_end", loadAverage());
        System.out.println("RESULT " + JSON.writeValueAsString(result));
    }

    /** {@code key=value} arguments; bare values are batch, repeats, K, memoryRollouts in that order. */
    static Map<String, String> options(String[] args) {
        String[] positional = {"batch", "repeats", "K", "memoryRollouts"};
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq > 0) {
                out.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            } else if (i < positional.length) {
                out.put(positional[i], args[i]);
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i] + " (use key=value)");
            }
        }
        return out;
    }

    /**
     * Adds N(0, 0.02^2) to every weight: a fresh policy's control branch outputs exact zeros, which would
     * leave the comparison with PyTorch blind to it. Timings do not depend on the values.
     */
    private static void perturb(NetworkParameters parameters) {
        ParameterSet all = parameters.readAll();
        float[] flat = all.flat();
        float[] noise = GaussianNoise.draw(Seeds.stream(1L, "bench-perturb"), flat.length);
        for (int i = 0; i < flat.length; i++) {
            flat[i] += 0.02f * noise[i];
        }
        parameters.writeAll(all);
    }

    /** weights.safetensors (the policy's weights) and io.safetensors (input, output, gradients). */
    private static void writeExchange(ConditionalDenoiser policy, NetworkParameters parameters, NDArray xt, int[] t,
            NDArray lq, Path dir) throws Exception {
        try (OutputStream out = Files.newOutputStream(dir.resolve("weights.safetensors"))) {
            SafetensorsWriter.write(out, parameters.readAll(), Map.of());
        }
        List<NamedTensor> io = new ArrayList<>();
        io.add(new NamedTensor("io.xt", toInts(xt.getShape()), xt.toFloatArray()));
        float[] tf = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            tf[i] = t[i];
        }
        io.add(new NamedTensor("io.t", new int[] {t.length}, tf));
        io.add(new NamedTensor("io.lq", toInts(lq.getShape()), lq.toFloatArray()));
        try (NDManager s = policy.manager().newSubManager(); NoGrad ignored = NoGrad.open()) {
            NDArray x = xt.duplicate();
            x.attach(s);
            NDArray eps = policy.predictNoise(x, t, lq);
            io.add(new NamedTensor("io.eps", toInts(eps.getShape()), eps.toFloatArray()));
        }
        parameters.zeroGradients();
        try (NDManager s = policy.manager().newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = xt.duplicate();
            x.attach(s);
            gc.backward(policy.predictNoise(x, t, lq).square().mean());
        }
        float[] grads = new float[parameters.trainableLayout().totalSize()];
        parameters.readGradients(grads);
        parameters.zeroGradients();
        for (NamedTensor g : ParameterSet.wrap(parameters.trainableLayout(), grads).tensors()) {
            io.add(new NamedTensor("grad." + g.name(), g.shape(), g.values()));
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("io.safetensors"))) {
            SafetensorsWriter.write(out, io, Map.of());
        }
    }

    private static int[] toInts(Shape s) {
        return Arrays.stream(s.getShape()).mapToInt(Math::toIntExact).toArray();
    }

    /** NDArrays one no-grad forward leaves in its scope: each is the result of a native op. */
    private static int opsPerForward(ConditionalDenoiser policy, NDArray xt, int[] t, NDArray lq) {
        try (NDManager s = policy.manager().newSubManager(); NoGrad ignored = NoGrad.open()) {
            NDArray x = xt.duplicate();
            x.attach(s);
            int before = s.getManagedArrays().size();
            policy.predictNoise(x, t, lq);
            return s.getManagedArrays().size() - before;
        }
    }

    private static double[][] matMul(NDManager parent, int n, int repeats, TorchPeer peer) {
        try (NDManager s = parent.newSubManager(); NoGrad ignored = NoGrad.open()) {
            NDArray a = s.create(GaussianNoise.draw(Seeds.stream(1L, "bench-mm", 0), n * n), new Shape(n, n));
            NDArray b = s.create(GaussianNoise.draw(Seeds.stream(1L, "bench-mm", 1), n * n), new Shape(n, n));
            return time(3, repeats, () -> a.matMul(b).close(), peer, "matmul");
        }
    }

    /** A Pretrainer on fixed random pairs (the data source is not timed). */
    private static Pretrainer pretrainer(ConditionalDenoiser policy, Engine engine, int batch) {
        int r = policy.config().resolution();
        int d = policy.config().elementsPerImage();
        List<TrainingPair> pairs = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            float[] hq = new float[d];
            float[] lq = new float[d];
            var rng = Seeds.stream(1L, "bench-pairs", i);
            for (int j = 0; j < d; j++) {
                hq[j] = (float) rng.nextDouble();
                lq[j] = (float) rng.nextDouble();
            }
            pairs.add(TrainingPair.degraded("bench" + i, RgbImage.wrap(r, r, hq), RgbImage.wrap(r, r, lq)));
        }
        // reference.conf's pre-training defaults, at this batch size.
        PretrainSettings settings = new PretrainSettings(2000, batch, 2e-4, 0.0, 1.0, 0.999,
                LearningRateShape.COSINE, 100, 0, 0);
        return new Pretrainer(policy, NoiseSchedule.stableDiffusion(), engine,
                (step, from, count) -> pairs.subList(from, from + count), settings, 1L);
    }

    /**
     * The PyTorch port in {@code --serve} mode: it loads our weights and checks agreement, then times one
     * named body per request, so that DJL and PyTorch repetitions alternate under the same machine load.
     */
    private static final class TorchPeer implements AutoCloseable {
        private final Process process;
        private final java.io.BufferedReader out;
        private final java.io.Writer in;
        final JsonNode info;

        private TorchPeer(Process process) throws Exception {
            this.process = process;
            this.out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            this.in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            String first = out.readLine();
            if (first == null) {
                throw new IllegalStateException(TORCH_SCRIPT + " exited before answering (exit " + process.waitFor()
                        + "); its stderr is above");
            }
            this.info = JSON.readTree(first);
        }

        static TorchPeer start(Path dir, String threads, int batch, int resolution, int repeats, int matmul)
                throws Exception {
            Path script = Files.isRegularFile(Path.of("lrpo-core/src/test/python", TORCH_SCRIPT))
                    ? Path.of("lrpo-core/src/test/python", TORCH_SCRIPT) : Path.of("src/test/python", TORCH_SCRIPT);
            List<String> cmd = List.of("/usr/bin/python3", script.toString(), "--weights",
                    dir.resolve("weights.safetensors").toString(), "--io", dir.resolve("io.safetensors").toString(),
                    "--threads", threads.equals("default") ? "0" : threads, "--batch", Integer.toString(batch),
                    "--resolution", Integer.toString(resolution), "--repeats", Integer.toString(repeats),
                    "--matmul", Integer.toString(matmul), "--serve");
            System.out.println("running " + String.join(" ", cmd));
            return new TorchPeer(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        /** Runs {@code body} once in the PyTorch process; its milliseconds. */
        double time(String body) {
            try {
                in.write(body + "\n");
                in.flush();
                String line = out.readLine();
                if (line == null) {
                    throw new IllegalStateException(TORCH_SCRIPT + " died while timing " + body);
                }
                return Double.parseDouble(line);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws Exception {
            in.write("quit\n");
            in.flush();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(TORCH_SCRIPT + " failed with exit " + process.exitValue());
            }
        }
    }

    private static void checkAgreement(ObjectNode result, JsonNode py) {
        long pyFlops = py.get("forward_flops").asLong();
        if (pyFlops != result.get("forward_flops").asLong()) {
            throw new IllegalStateException("FLOP counts differ: Java " + result.get("forward_flops") + ", torch hooks "
                    + pyFlops);
        }
        if (py.get("java_parameters").asLong() != result.get("parameters").asLong()
                || py.get("parameters").asLong() != result.get("parameters").asLong()) {
            throw new IllegalStateException("parameter counts differ: " + py);
        }
        if (py.get("resolution").asInt() != result.get("resolution").asInt()) {
            throw new IllegalStateException("resolutions differ: Java " + result.get("resolution") + ", torch "
                    + py.get("resolution"));
        }
        JsonNode rt = py.get("runtime");
        System.out.printf("PyTorch side: torch %s (Debian python3-torch %s), Python %s, numpy %s, %s, CPU"
                + " capability %s; OpenBLAS %s, %s thread(s); mapped %s%n", rt.get("torch_version").asText(),
                rt.get("debian_package").asText(), rt.get("python").asText(), rt.get("numpy_version").asText(),
                rt.get("torch_build_settings"), rt.path("cpu_capability").asText(),
                rt.path("openblas").path("config").asText("absent"), rt.path("openblas").path("threads").asText("-"),
                rt.get("mapped_libraries"));
        System.out.printf("PyTorch %s port: %,d parameters; same input: forward max |diff| %.2e (max |eps| %.2f);"
                + " %d gradient tensors, max |diff| %.2e (relative to each tensor's max %.2e)%n",
                py.get("torch_version").asText(), py.get("parameters").asLong(),
                py.get("forward_max_abs_diff").asDouble(), py.get("forward_max_abs").asDouble(),
                py.get("gradient_tensors").asInt(), py.get("gradient_max_abs_diff").asDouble(),
                py.get("gradient_max_rel_diff").asDouble());
    }

    /**
     * DJL median into result, PyTorch median into py, median and quartiles of the paired DJL/PyTorch ratios
     * into ratios; every repetition's pair into result.reps, because a median over runs of per-run medians
     * hides the spread that the pooled pairs show.
     */
    private static void record(ObjectNode result, ObjectNode py, ObjectNode ratios, String key, double[][] ms) {
        result.put(key, median(ms[0]));
        result.put(key.replace("_ms", "_min_ms"), min(ms[0]));
        if (ms[1] != null) {
            py.put(key, median(ms[1]));
            double[] r = new double[ms[0].length];
            for (int i = 0; i < r.length; i++) {
                r[i] = ms[0][i] / ms[1][i];
            }
            ratios.put(key, median(r));
            ratios.put(key.replace("_ms", "_q1"), quantile(r, 0.25));
            ratios.put(key.replace("_ms", "_q3"), quantile(r, 0.75));
            ObjectNode reps = result.has("reps") ? (ObjectNode) result.get("reps") : result.putObject("reps");
            ObjectNode pair = reps.putObject(key);
            Arrays.stream(ms[0]).forEach(pair.putArray("djl")::add);
            Arrays.stream(ms[1]).forEach(pair.putArray("torch")::add);
        }
    }

    private static void printComparison(ObjectNode result, JsonNode py, JsonNode ratios) {
        String[][] rows = {
            {"forward (no grad)", "forward_ms"},
            {"forward+backward", "forward_backward_ms"},
            {"supervised step", "supervised_step_ms"},
            {"matmul", "matmul_ms"},
        };
        System.out.println("figure (interleaved)  DJL ms    torch ms  DJL/torch time: median of paired ratios"
                + " [Q1, Q3]");
        for (String[] row : rows) {
            System.out.printf("%-18s %9.1f %10.1f %10.2f [%.2f, %.2f]%n", row[0], result.get(row[1]).asDouble(),
                    py.get(row[1]).asDouble(), ratios.get(row[1]).asDouble(),
                    ratios.get(row[1].replace("_ms", "_q1")).asDouble(),
                    ratios.get(row[1].replace("_ms", "_q3")).asDouble());
        }
        System.out.printf("achieved GFLOP/s: DJL UNet %.1f / matmul %.1f = %.0f%%; torch UNet %.1f / matmul %.1f = %.0f%%%n",
                result.get("unet_gflops").asDouble(), result.get("matmul_gflops").asDouble(),
                100 * result.get("unet_gflops").asDouble() / result.get("matmul_gflops").asDouble(),
                py.get("unet_gflops").asDouble(), py.get("matmul_gflops").asDouble(),
                100 * py.get("unet_gflops").asDouble() / py.get("matmul_gflops").asDouble());
    }

    /**
     * libtorch's profiler over {@code repeats} no-grad forwards and as many forward + backward passes, one
     * trace per call: the share of each call's wall time spent outside libtorch's operators ({@link
     * OperatorTime}), median and range, goes into {@code result}. The last trace of each kind stays in
     * {@code file} and {@code file}'s {@code -train} sibling for {@code src/test/python/profile_summary.py}.
     */
    private static void profile(ConditionalDenoiser policy, NDArray xt, int[] t, NDArray lq, String file,
                                int repeats, ObjectNode result) throws java.io.IOException {
        Path forwardTrace = Path.of(file);
        Path trainTrace = Path.of(file.endsWith(".json") ? file.replaceFirst("\\.json$", "-train.json") : file + "-train");
        profileShares("profile_forward", () -> forward(policy, xt, t, lq), forwardTrace, repeats, result);
        profileShares("profile_forward_backward", () -> backward(policy, xt, t, lq), trainTrace, repeats, result);
    }

    private static void profileShares(String name, Runnable call, Path trace, int repeats, ObjectNode result)
            throws java.io.IOException {
        call.run();
        double[] shares = new double[repeats];
        double[] walls = new double[repeats];
        int ops = 0;
        for (int i = 0; i < repeats; i++) {
            JniUtils.startProfile(false, false, false);
            long start = System.nanoTime();
            call.run();
            walls[i] = (System.nanoTime() - start) / 1e6;
            JniUtils.stopProfile(trace.toString());
            OperatorTime inside = OperatorTime.of(trace);
            shares[i] = inside.outsideShare(walls[i]);
            ops = inside.topLevelOps();
        }
        double[] sorted = shares.clone();
        Arrays.sort(sorted);
        ObjectNode node = result.putObject(name);
        node.put("wall_ms_median", median(walls));
        node.put("outside_ops_share_median", median(shares));
        node.put("outside_ops_share_min", sorted[0]);
        node.put("outside_ops_share_max", sorted[repeats - 1]);
        node.put("top_level_ops", ops);
        node.put("trace", trace.toString());
        System.out.printf("%s under the profiler: %.1f ms wall (median of %d), outside libtorch's operators %.1f %%"
                        + " (%.1f-%.1f %%), %d top-level ops; last trace %s%n", name, median(walls), repeats,
                100 * median(shares), 100 * sorted[0], 100 * sorted[repeats - 1], ops, trace);
    }

    private static void forward(ConditionalDenoiser policy, NDArray xt, int[] t, NDArray lq) {
        try (NDManager s = policy.manager().newSubManager(); NoGrad ignored = NoGrad.open()) {
            NDArray x = xt.duplicate();
            x.attach(s);
            policy.predictNoise(x, t, lq).toFloatArray();
        }
    }

    private static void backward(ConditionalDenoiser policy, NDArray xt, int[] t, NDArray lq) {
        try (NDManager s = policy.manager().newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = xt.duplicate();
            x.attach(s);
            gc.backward(policy.predictNoise(x, t, lq).square().mean());
        }
        policy.zeroGradients();
    }

    /**
     * Times {@code djl} and, if a peer is given, the PyTorch body of the same name, alternating them (and
     * which goes first) so both see the same machine load. Returns {DJL ms, PyTorch ms or null}.
     */
    private static double[][] time(int warmup, int repeats, Runnable djl, TorchPeer peer, String body) {
        for (int i = 0; i < warmup; i++) {
            djl.run();
            if (peer != null) {
                peer.time(body);
            }
        }
        double[] ms = new double[repeats];
        double[] torchMs = peer == null ? null : new double[repeats];
        for (int i = 0; i < repeats; i++) {
            if (peer != null && i % 2 == 1) {
                torchMs[i] = peer.time(body);
            }
            long start = System.nanoTime();
            djl.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (peer != null && i % 2 == 0) {
                torchMs[i] = peer.time(body);
            }
        }
        return new double[][] {ms, torchMs};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Linear interpolation between order statistics (numpy's default), as the script's summary uses. */
    static double quantile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    /** Variables that decide how many threads the BLAS and OpenMP runtimes of either side start, and
     *  (ATEN_CPU_CAPABILITY) which vector kernels libtorch dispatches to. */
    private static final List<String> RUNTIME_ENV = List.of("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
            "MKL_NUM_THREADS", "OMP_WAIT_POLICY", "ATEN_CPU_CAPABILITY");
    /** CPU flags that decide which kernels libtorch, oneDNN, MKL and OpenBLAS can pick. */
    private static final List<String> CPU_FLAGS = List.of("avx", "avx2", "fma", "f16c", "avx512f", "avx512dq",
            "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile",
            "amx_bf16", "amx_int8");

    private static Map<String, String> runtimeEnv() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        RUNTIME_ENV.forEach(k -> env.put(k, System.getenv(k)));
        return env;
    }

    /**
     * The facts a figure depends on besides the code (issue 16): versions, what DJL's libtorch is built
     * with (its MKL is linked in, so only its features say so, not the mapped files), the CPU and the
     * thread environment. The PyTorch side adds its own under torch.runtime.
     */
    private static void provenance(ObjectNode result, Engine engine) throws java.io.IOException {
        result.put("djl_version", Engine.getDjlVersion());
        result.put("libtorch_version", engine.getVersion());
        result.put("java_version", System.getProperty("java.version"));
        result.put("djl_intra_op_threads", JniUtils.getNumThreads());
        result.put("djl_interop_threads", JniUtils.getNumInteropThreads());
        JniUtils.getFeatures().stream().sorted().forEach(result.putArray("djl_libtorch_features")::add);
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            lines.map(l -> l.trim().split("\\s+")).filter(f -> f.length >= 6).map(f -> f[5])
                    .filter(f -> f.matches(".*/[^/]*(torch|c10|gomp|blas|lapack|mkl|dnnl)[^/]*")).distinct().sorted()
                    .forEach(result.putArray("djl_native_libraries")::add);
        }
        ObjectNode env = result.putObject("env");
        runtimeEnv().forEach(env::put);
        List<String> cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
        result.put("cpu_model", cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown"));
        List<String> flags = cpuinfo.stream().filter(l -> l.startsWith("flags")).findFirst()
                .map(l -> List.of(l.substring(l.indexOf(':') + 1).trim().split(" "))).orElse(List.of());
        result.put("cpu_flags", String.join(" ", CPU_FLAGS.stream().filter(flags::contains).toList()));
        result.put("cpu_flags_absent",
                String.join(" ", CPU_FLAGS.stream().filter(f -> !flags.contains(f)).toList()));
        result.put("processors", Runtime.getRuntime().availableProcessors());
        System.out.printf("DJL %s, libtorch %s (features %s), %d intra-op thread(s); CPU %s: %s (absent: %s)%n",
                result.get("djl_version").asText(), result.get("libtorch_version").asText(),
                result.get("djl_libtorch_features"), result.get("djl_intra_op_threads").asInt(),
                result.get("cpu_model").asText(), result.get("cpu_flags").asText(),
                result.get("cpu_flags_absent").asText());
    }

    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    static long rssKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}

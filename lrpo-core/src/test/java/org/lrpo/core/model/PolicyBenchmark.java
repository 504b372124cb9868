package org.lrpo.core.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.lrpo.core.diffusion.DdimSampler;
import org.lrpo.core.diffusion.GaussianNoise;
import org.lrpo.core.diffusion.NoiseKey;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.diffusion.Rollout;
import org.lrpo.core.random.Seeds;

/**
 * Measures the default policy (not a test: prints numbers). Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -o -q -pl lrpo-core test-compile
 * ./mvnw -B -o -q -pl lrpo-core dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Dai.djl.offline=true -DDJL_CACHE_DIR=$PWD/.cache/djl -Dai.djl.pytorch.num_threads=2 \
 *      -Dai.djl.pytorch.num_interop_threads=1 \
 *      -cp lrpo-core/target/test-classes:lrpo-core/target/classes:$(cat lrpo-core/target/cp.txt) \
 *      org.lrpo.core.model.PolicyBenchmark [batch=9] [repeats=20] [K=50] [memoryRollouts=0]
 * </pre>
 *
 * Reports: parameter counts; no-grad forward passes per second at batch G; one forward + backward
 * (control-only and all trainable); a full K-step rollout and its bytes per candidate; optionally VmRSS
 * over {@code memoryRollouts * K} further sampler steps.
 */
public final class PolicyBenchmark {
    private PolicyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int memoryRollouts = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        PolicyConfig config = PolicyConfig.defaults();
        System.out.println("config " + config);
        System.out.println("torch threads property: " + System.getProperty("ai.djl.pytorch.num_threads"));
        try (ConditionalDenoiser policy = ConditionalDenoiser.create(config, Device.cpu(), 1L);
                NDManager scope = policy.manager().newSubManager()) {
            System.out.printf("parameters: total %,d = base %,d + control %,d%n", policy.parameterCount(),
                    policy.parameterCount(ParameterGroup.BASE), policy.parameterCount(ParameterGroup.CONTROL));
            int d = config.elementsPerImage();
            float[] values = GaussianNoise.draw(Seeds.stream(1L, "bench"), batch * d);
            NDArray xt = scope.create(values, new ai.djl.ndarray.types.Shape(batch, 3, config.resolution(),
                    config.resolution()));
            NDArray lq = xt.get("0:1");
            int[] t = new int[batch];
            Arrays.fill(t, 501);

            System.out.println("load average at start: " + Files.readString(Path.of("/proc/loadavg")).trim());
            for (int i = 0; i < 3; i++) {
                forward(policy, xt, t, lq);
            }
            double[] ms = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                forward(policy, xt, t, lq);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            double median = median(ms);
            System.out.printf("forward (no grad) batch %d: median %.1f ms (min %.1f), %.2f forward passes/s, %.1f"
                    + " images/s%n", batch, median, Arrays.stream(ms).min().orElseThrow(), 1000 / median,
                    batch * 1000 / median);

            for (TrainableSet set : TrainableSet.values()) {
                policy.setTrainable(set);
                for (int i = 0; i < 3; i++) {
                    backward(policy, xt, t, lq);
                }
                int n = Math.max(3, repeats / 2);
                double[] bms = new double[n];
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    backward(policy, xt, t, lq);
                    bms[i] = (System.nanoTime() - start) / 1e6;
                }
                System.out.printf("forward+backward batch %d, trainable %s: median %.1f ms (min %.1f)%n", batch, set,
                        median(bms), Arrays.stream(bms).min().orElseThrow());
            }
            policy.setTrainable(TrainableSet.ALL);

            DdimSampler sampler = new DdimSampler(policy, NoiseSchedule.stableDiffusion().ddim(k), 1.0);
            List<NoiseKey> keys = IntStream.range(0, batch).mapToObj(c -> new NoiseKey(1, 0, 7, c)).toList();
            long start = System.nanoTime();
            Rollout r = sampler.sample(lq, keys);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("rollout K=%d, G=%d: %.2f s (%.1f ms per step); bytes per candidate %,d%n", k, batch,
                    seconds, 1000 * seconds / k, r.trajectory(0).payloadBytes());

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

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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

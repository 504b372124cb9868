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
 *      org.lrpo.core.model.PolicyBenchmark [batch=9] [repeats=20] [K=50]
 * </pre>
 *
 * Reports: parameter counts; no-grad forward passes per second at batch G; one forward + backward
 * (control-only and all trainable); a full K-step rollout and its bytes per candidate; VmRSS over 500
 * sampler steps.
 */
public final class PolicyBenchmark {
    private PolicyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 50;
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

            for (int i = 0; i < 3; i++) {
                forward(policy, xt, t, lq);
            }
            long start = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                forward(policy, xt, t, lq);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("forward (no grad) batch %d: %.1f ms each, %.2f forward passes/s, %.1f images/s%n",
                    batch, 1000 * seconds / repeats, repeats / seconds, batch * repeats / seconds);

            for (TrainableSet set : TrainableSet.values()) {
                policy.setTrainable(set);
                for (int i = 0; i < 2; i++) {
                    backward(policy, xt, t, lq);
                }
                int n = Math.max(3, repeats / 4);
                start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    backward(policy, xt, t, lq);
                }
                seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("forward+backward batch %d, trainable %s: %.1f ms each%n", batch, set,
                        1000 * seconds / n);
            }
            policy.setTrainable(TrainableSet.ALL);

            DdimSampler sampler = new DdimSampler(policy, NoiseSchedule.stableDiffusion().ddim(k), 1.0);
            List<NoiseKey> keys = IntStream.range(0, batch).mapToObj(c -> new NoiseKey(1, 0, 7, c)).toList();
            start = System.nanoTime();
            Rollout r = sampler.sample(lq, keys);
            seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("rollout K=%d, G=%d: %.2f s (%.1f ms per step); bytes per candidate %,d%n", k, batch,
                    seconds, 1000 * seconds / k, r.trajectory(0).payloadBytes());

            long rss0 = 0;
            for (int step = 1; step <= 500; step += k) {
                sampler.sample(lq, keys);
                if (rss0 == 0) {
                    rss0 = rssKb();
                }
            }
            System.out.printf("VmRSS after first rollout %,d kB, after 500+ steps %,d kB; arrays in policy manager %d%n",
                    rss0, rssKb(), policy.manager().getManagedArrays().size());
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

    static long rssKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}

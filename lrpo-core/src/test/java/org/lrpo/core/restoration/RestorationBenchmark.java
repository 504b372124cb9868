package org.lrpo.core.restoration;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.lrpo.core.checkpoint.WeightsFingerprint;
import org.lrpo.core.diffusion.DdimStep;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.lrpo.RolloutCollector;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.PolicyConfig;
import org.lrpo.core.model.RestorationConfig;
import org.lrpo.core.model.RestorationNet;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.train.TrainingPair;

/**
 * Stage 1's speed (BENCHMARKS.md, "Stage 1: the restoration module"); not a test, prints numbers. For the
 * default R ({@code lrpo.restoration}: 32 channels, 4 blocks): no-grad forward images per second at 32, 64
 * and 256 px (batch 16, 16 and 1), and at the demo's size the share of one LRPO rollout (G candidates x K
 * DDIM steps of the default-width policy) that computing the condition R(lq) adds. Each figure is the
 * median of {@code repeats} timings after two warm-up calls.
 *
 * <pre>
 * ./mvnw -B -o -q -pl lrpo-core test-compile
 * ./mvnw -B -o -q -pl lrpo-core dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -DDJL_CACHE_DIR=$PWD/.cache/djl \
 *      -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
 *      -cp lrpo-core/target/test-classes:lrpo-core/target/classes:$(cat lrpo-core/target/cp.txt) \
 *      org.lrpo.core.restoration.RestorationBenchmark [repeats=10] [G=6] [K=10]
 * </pre>
 */
public final class RestorationBenchmark {
    private RestorationBenchmark() {}

    public static void main(String[] args) {
        int repeats = intArg(args, "repeats", 10);
        int groupSize = intArg(args, "G", 6);
        int steps = intArg(args, "K", 10);
        Engine engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", ".cache/djl")), 0);
        System.out.printf("engine %s %s, threads %s%n", engine.getEngineName(), engine.getVersion(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
        RestorationConfig config = RestorationConfig.rgb(32, 4);
        try (FrozenRestoration r = new FrozenRestoration(RestorationNet.create(config, Device.cpu(), 1), 4096, "bench")) {
            System.out.printf("R: %d parameters, receptive radius %d px%n", r.network().parameterCount(),
                    config.receptiveRadius());
            double perFace32 = 0;
            for (int[] sizeBatch : new int[][] {{32, 16}, {64, 16}, {256, 1}}) {
                int size = sizeBatch[0];
                List<RgbImage> batch = images(sizeBatch[1], size);
                double seconds = median(repeats, () -> r.restore(batch));
                System.out.printf("R forward %3d px, batch %2d: %8.1f images/s  (%.2f ms per call)%n", size,
                        batch.size(), batch.size() / seconds, 1e3 * seconds);
                if (size == 32) {
                    perFace32 = seconds / batch.size();
                }
            }
            // One face's condition against one face's rollout at the demo's size (conf/local.conf).
            double oneFace = median(repeats, () -> r.restore(images(1, 32)));
            PolicyConfig policyConfig = PolicyConfig.builder().resolution(32).build();
            try (ConditionalDenoiser policy = ConditionalDenoiser.create(policyConfig, Device.cpu(), 1)) {
                DdimStep step = new DdimStep(NoiseSchedule.stableDiffusion().ddim(steps), 1.0, true);
                RolloutCollector collector = new RolloutCollector(policy, step, 1);
                RgbImage face = images(1, 32).get(0);
                TrainingPair pair = new TrainingPair("bench", face, face, face);
                double rollout = median(Math.max(3, repeats / 3), () -> collector.collect(pair, 0, groupSize));
                System.out.printf("rollout of one face (G=%d, K=%d, 32 px, %d-parameter policy): %.1f ms; "
                        + "R(lq) for that face: %.2f ms (batch 1), %.3f ms (batch 16 share) = %.2f%% / %.3f%% of it%n",
                        groupSize, steps, new NetworkParameters(policy).allLayout().totalSize(), 1e3 * rollout,
                        1e3 * oneFace, 1e3 * perFace32, 100 * oneFace / rollout, 100 * perFace32 / rollout);
            }
            System.out.println("weights fingerprint (seeded init): "
                    + WeightsFingerprint.of(new NetworkParameters(r.network()).readAll()).substring(0, 12));
        }
    }

    private static List<RgbImage> images(int count, int size) {
        SplittableRandom rng = new SplittableRandom(size * 31L + count);
        List<RgbImage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] chw = new float[3 * size * size];
            for (int j = 0; j < chw.length; j++) {
                chw[j] = (float) rng.nextDouble();
            }
            out.add(RgbImage.wrap(size, size, chw));
        }
        return out;
    }

    private static double median(int repeats, Runnable work) {
        work.run();
        work.run();
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            work.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 1));
            }
        }
        return fallback;
    }
}

package org.lrpo.rewards.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;

/**
 * Images per second of each metric on one thread, 64x64 and 256x256 RGB pairs. Not part of the default
 * suite (the name does not end in Test) and asserts nothing about time; run it by name:
 * {@code ./mvnw -B -o -pl lrpo-rewards test -Dtest=MetricsThroughputBenchmark}.
 */
class MetricsThroughputBenchmark {

    @Test
    void printImagesPerSecond() {
        for (int size : new int[] {64, 256}) {
            RgbImage gt = TestImages.scene(size, size, 100 + size);
            RgbImage x = TestImages.noisy(gt, 0.05, 200 + size);
            measure("psnr", size, x, gt, Psnr::compute);
            measure("ssim", size, x, gt, Ssim::compute);
            measure("ssim_y", size, x, gt, (a, b) -> Ssim.compute(a, b, FidelityProtocol.Y));
            measure("ms_ssim", size, x, gt, MsSsim::compute);
            measure("dwt_lowpass", size, x, gt, DwtLowpassReward::reward);
            DwtLowpassReward.Target target = DwtLowpassReward.target(gt);
            measure("dwt(target)", size, x, gt, (a, b) -> target.reward(a));
        }
        // NIQE needs a model; one fitted on drawn scenes is enough for timing (32x32 blocks, so 64x64 has four).
        java.util.List<RgbImage> pristine = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pristine.add(TestImages.scene(256, 256, 300 + i));
        }
        NiqeModel model = NiqeModel.fit(pristine, 32);
        for (int size : new int[] {64, 256}) {
            RgbImage x = TestImages.noisy(TestImages.scene(size, size, 400 + size), 0.05, 500 + size);
            measure("niqe(B=32)", size, x, x, (a, b) -> model.score(a));
        }
    }

    private static void measure(String name, int size, RgbImage x, RgbImage gt,
                                BiFunction<RgbImage, RgbImage, Double> metric) {
        double sink = 0;
        long budget = 2_000_000_000L;
        // Warm-up for the JIT, then as many calls as fit in about a second.
        long warmEnd = System.nanoTime() + budget / 2;
        while (System.nanoTime() < warmEnd) {
            sink += metric.apply(x, gt);
        }
        int n = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long now;
        do {
            sink += metric.apply(x, gt);
            n++;
            now = System.nanoTime();
        } while (now - start < budget);
        double perSecond = n / ((now - start) / 1e9);
        // Per CPU-second too: on a shared, overloaded machine wall time mostly measures the neighbours.
        double perCpuSecond = n / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        System.out.printf("%-12s %4dx%-4d %9.1f images/s wall, %9.1f images/CPU-s (1 thread) [%d calls, %.3f]%n",
                name, size, size, perSecond, perCpuSecond, n, sink);
    }
}

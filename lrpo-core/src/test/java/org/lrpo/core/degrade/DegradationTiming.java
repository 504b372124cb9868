package org.lrpo.core.degrade;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.lrpo.core.image.RgbImage;

/**
 * Measures the time to degrade one image (not a test: timings are printed, never asserted).
 *
 * <pre>
 * ./mvnw -B -o -q -pl lrpo-core test-compile
 * ./mvnw -B -o -q -pl lrpo-core dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp lrpo-core/target/test-classes:lrpo-core/target/classes:$(cat /tmp/cp.txt) \
 *      org.lrpo.core.degrade.DegradationTiming [warmup] [runs]
 * </pre>
 *
 * For each size it degrades with freshly drawn DIFFBIR and GFPGAN parameters (round = run index, so
 * the kernel shape, r and q vary as in training) and with the most expensive draw (anisotropic kernel).
 * Both wall-clock and the thread's CPU time are printed: on a shared machine the CPU time is the number
 * that says what one degradation costs.
 */
public final class DegradationTiming {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DegradationTiming() {}

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        for (int size : new int[] {64, 512}) {
            RgbImage hq = TestPatterns.detailed(size, size);
            for (DegradationPreset preset : DegradationPreset.values()) {
                for (int i = 0; i < warmup; i++) {
                    Degradation.apply(hq, preset, 1, "warm", i);
                }
                double[] ms = new double[runs];
                double[] cpu = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    Degradation.apply(hq, preset, 1, "timed", i);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                    cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
                }
                report(size + "x" + size + " " + preset + " drawn params", ms, cpu);
            }
            DegradationPreset.Ranges r = DegradationPreset.DIFFBIR.atResolution(size);
            DegradationParams worst = new DegradationParams(r.kernelSize(), false, r.sigmaMax() * 0.99,
                    r.sigmaMax() * 0.5, 0.7, 1.0, 10 / 255.0, 3L, 95);
            double[] ms = new double[runs];
            double[] cpu = new double[runs];
            for (int i = 0; i < runs; i++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                Degradation.applyWith(hq, worst);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            report(size + "x" + size + " anisotropic k=" + r.kernelSize() + ", r=1 (slowest)", ms, cpu);
        }
    }

    private static void report(String what, double[] wall, double[] cpu) {
        System.out.printf("%-44s wall median %8.2f mean %8.2f ms | cpu median %8.2f mean %8.2f min %8.2f ms%n",
                what, median(wall), mean(wall), median(cpu), mean(cpu), Arrays.stream(cpu).min().orElse(Double.NaN));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}

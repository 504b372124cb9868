package org.lrpo.core.faces;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures face rendering speed (a documented main, not a timed test). Reports faces per CPU-second of the
 * rendering thread, which stays meaningful on a shared machine, next to wall-clock faces per second.
 *
 * <p>{@code java -Djava.awt.headless=true -cp lrpo-core/target/classes:lrpo-core/target/test-classes
 * org.lrpo.core.faces.FaceRenderSpeed}
 */
public final class FaceRenderSpeed {
    private FaceRenderSpeed() {}

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int size : new int[] {64, 128, 256, 512}) {
            int faces = Math.max(20, 300 * 64 / size);
            for (int i = 0; i < 20; i++) {
                FaceGenerator.face(7, i, 1, size); // warm-up: JIT and Java2D caches
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < faces; i++) {
                FaceGenerator.face(7, i, 0, size);
            }
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            System.out.printf("%4d px: %6.1f faces per CPU-second (%.1f ms CPU per face), %6.1f faces/s wall, load average %.1f%n",
                    size, faces / cpu, 1000 * cpu / faces, faces / wall,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}

package org.lrpo.core.engine;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PyTorch engine with one change: its gradient collector runs a full garbage collection, and lets the
 * JDK free the direct buffers it found unreachable, right before each backward pass. That is the worst
 * moment for anything the recorded graph still reads but Java no longer holds (see {@link ScopedScalars}),
 * and with it a test sees such a bug every time instead of once in many runs of a busy JVM.
 */
public final class CollectingBeforeBackward extends Engine {
    private final Engine engine;
    private final AtomicInteger collections = new AtomicInteger();

    public CollectingBeforeBackward(Engine engine) {
        this.engine = engine;
    }

    /** Collections run so far (one per backward pass). */
    public int collections() {
        return collections.get();
    }

    @Override
    public GradientCollector newGradientCollector() {
        GradientCollector collector = engine.newGradientCollector();
        return new GradientCollector() {
            @Override
            public void backward(NDArray target) {
                collectGarbage();
                collections.incrementAndGet();
                collector.backward(target);
            }

            @Override
            public void zeroGradients() {
                collector.zeroGradients();
            }

            @Override
            public void close() {
                collector.close();
            }
        };
    }

    /**
     * A full collection, then waits until the reference handler has processed what it found: a sentinel
     * collected in the same cycle is enqueued after the pending direct-buffer cleaners have run.
     */
    static void collectGarbage() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
        try {
            for (int i = 0; i < 20 && queue.poll() == null; i++) {
                System.gc();
                if (queue.remove(50) != null) {
                    break;
                }
            }
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        java.lang.ref.Reference.reachabilityFence(sentinel);
    }

    @Override
    public Engine getAlternativeEngine() {
        return null;
    }

    @Override
    public String getEngineName() {
        return engine.getEngineName();
    }

    @Override
    public int getRank() {
        return engine.getRank();
    }

    @Override
    public String getVersion() {
        return engine.getVersion();
    }

    @Override
    public boolean hasCapability(String capability) {
        return engine.hasCapability(capability);
    }

    @Override
    public Model newModel(String name, Device device) {
        return engine.newModel(name, device);
    }

    @Override
    public NDManager newBaseManager() {
        return engine.newBaseManager();
    }

    @Override
    public NDManager newBaseManager(Device device) {
        return engine.newBaseManager(device);
    }
}

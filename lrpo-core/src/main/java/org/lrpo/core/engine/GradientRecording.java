package org.lrpo.core.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The only way this project records gradients: DJL's PyTorch engine allows one open
 * {@link GradientCollector} per JVM (a static flag), so two tasks of one Spark executor that
 * both ran backward at once would fail or, worse, mix gradients. Recordings are serialised by a
 * JVM-wide lock; with the recommended layout (one training task per executor JVM, libtorch given the
 * executor's cores) the lock is never contended.
 *
 * <pre>{@code
 * try (GradientRecording rec = GradientRecording.open(engine)) {
 *     NDArray loss = ...;   // forward under recording
 *     rec.backward(loss);
 * }   // collector closed, lock released
 * }</pre>
 *
 * <p>Inside a recording, scale by a Java number with {@link ScopedScalars}, not DJL's
 * {@code mul(Number)} / {@code div(Number)}: the graph keeps their temporary scalar but not its memory.
 */
public final class GradientRecording implements AutoCloseable {
    private static final ReentrantLock LOCK = new ReentrantLock(true);
    private final GradientCollector collector;

    private GradientRecording(GradientCollector collector) {
        this.collector = collector;
    }

    /** Waits until no other thread of this JVM records, then starts recording. */
    public static GradientRecording open(Engine engine) {
        LOCK.lock();
        try {
            return new GradientRecording(engine.newGradientCollector());
        } catch (RuntimeException e) {
            LOCK.unlock();
            throw e;
        }
    }

    public void backward(NDArray loss) {
        collector.backward(loss);
    }

    /**
     * Adds d(loss)/d(weights) to the gradients but keeps the recorded graph, so that a second loss sharing
     * the same forward can be back-propagated after it (torch's {@code retain_graph=True}); DJL's collector
     * has no such call, so this goes to its PyTorch engine's JNI directly.
     */
    public void backwardKeepingGraph(NDArray loss) {
        try (NDArray ones = loss.onesLike()) {
            JniUtils.backward((PtNDArray) loss, (PtNDArray) ones, true, false);
        }
    }

    @Override
    public void close() {
        try {
            collector.close();
        } finally {
            LOCK.unlock();
        }
    }
}

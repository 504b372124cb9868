package org.lrpo.core.engine;

import ai.djl.ndarray.NDArray;

/**
 * Multiplication and division by a Java number that stay correct when autograd records them.
 *
 * <p>DJL's number overloads ({@code NDArray.mul(Number)}, {@code div(Number)}, likewise {@code pow},
 * {@code maximum}, {@code minimum}) wrap the number in a temporary 0-dim array and close it before they
 * return. On the PyTorch engine that array's storage is borrowed from a direct {@code ByteBuffer}
 * ({@code from_blob}: libtorch does not own the memory, only the Java object does). {@code mul} and
 * {@code div} save their operand for the backward pass, so the recorded graph still points at that memory
 * when {@code backward} runs, while nothing on the Java side holds the buffer any more: a garbage
 * collection between the forward and the backward pass frees it, and the backward multiplies by whatever
 * the allocator left there (0, 1e-28 or 1e33; the gradient is silently wrong, often finite). Such a
 * collection is rare in one thread and common when another thread of the JVM allocates (two Spark tasks
 * on {@code local[2]}).
 *
 * <p>Here the 0-dim array is made in {@code x}'s manager and left open, so it lives as long as that
 * manager: give these arrays of the step's scope (closed after the backward pass), never a long-lived
 * array such as a parameter, or each call leaves 4 bytes in the model's manager. The scalar has the data
 * type DJL's overload would have given it (float32 for a {@code float}, float64 for a {@code double}), so
 * the results are bit for bit those of the overload. {@code add} and {@code sub} by a number are safe as
 * they are: their backward does not read the operand.
 */
public final class ScopedScalars {
    private ScopedScalars() {}

    /** {@code x * value}, the scalar float32. */
    public static NDArray mul(NDArray x, float value) {
        return x.mul(x.getManager().create(value));
    }

    /** {@code x * value}, the scalar float64 (as {@code x.mul(double)}). */
    public static NDArray mul(NDArray x, double value) {
        return x.mul(x.getManager().create(value));
    }

    /** {@code x / value}, the scalar float32. */
    public static NDArray div(NDArray x, float value) {
        return x.div(x.getManager().create(value));
    }

    /** {@code x / value}, the scalar float64 (as {@code x.div(double)}). */
    public static NDArray div(NDArray x, double value) {
        return x.div(x.getManager().create(value));
    }
}

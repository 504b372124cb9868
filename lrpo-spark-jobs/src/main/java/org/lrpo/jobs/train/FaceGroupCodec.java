package org.lrpo.jobs.train;

import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.lrpo.core.diffusion.NoiseKey;
import org.lrpo.core.diffusion.Rollout;
import org.lrpo.core.diffusion.Trajectory;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.train.TrainingPair;

/**
 * One {@link FaceGroup} as bytes and back, exactly: floats and doubles travel as their raw bits, so a
 * group read back trains to the same weights as the one written. Big-endian, in this order:
 *
 * <pre>
 * pair       id (int length, UTF-8 bytes), hq image, lq image
 * rollout    K, the K timesteps (int), eta (double), latent shape (int rank, long dims), G (int)
 * G x        noise key (4 longs), has log-probs (boolean) [K floats], the K + 1 latents (floats)
 * G x        candidate image
 * image      width, height (int), 3 * width * height floats (C, H, W)
 * </pre>
 *
 * <p>Not thread-safe (one conversion buffer per instance).
 */
final class FaceGroupCodec {
    private final ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
    private final long maxBytes;

    private FaceGroupCodec(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static FaceGroupCodec forWriting() {
        return new FaceGroupCodec(Long.MAX_VALUE);
    }

    /** @param inputBytes the input's size: a length that would not fit in it is damage, never allocated */
    static FaceGroupCodec forReading(long inputBytes) {
        return new FaceGroupCodec(inputBytes);
    }

    void write(DataOutputStream out, FaceGroup group) throws IOException {
        TrainingPair pair = group.pair();
        byte[] id = pair.id().getBytes(StandardCharsets.UTF_8);
        out.writeInt(id.length);
        out.write(id);
        writeImage(out, pair.hq());
        writeImage(out, pair.lq());
        writeImage(out, pair.condition());
        Rollout rollout = group.rollout();
        out.writeInt(rollout.steps());
        for (int k = 0; k < rollout.steps(); k++) {
            out.writeInt(rollout.timestep(k));
        }
        out.writeLong(Double.doubleToRawLongBits(rollout.eta()));
        long[] dims = rollout.latentShape().getShape();
        out.writeInt(dims.length);
        for (long d : dims) {
            out.writeLong(d);
        }
        out.writeInt(rollout.trajectories().size());
        for (Trajectory t : rollout.trajectories()) {
            NoiseKey key = t.key();
            out.writeLong(key.runSeed());
            out.writeLong(key.round());
            out.writeLong(key.image());
            out.writeLong(key.candidate());
            out.writeBoolean(t.hasLogProbs());
            if (t.hasLogProbs()) {
                writeFloats(out, FloatBuffer.wrap(t.logProbs()));
            }
            for (int j = 0; j <= t.steps(); j++) {
                writeFloats(out, t.latent(j));
            }
        }
        for (RgbImage c : group.candidates()) {
            writeImage(out, c);
        }
    }

    /** Reads what {@link #write} wrote. */
    FaceGroup read(DataInputStream in) throws IOException {
        String id = new String(readBytes(in, length(in, 1)), StandardCharsets.UTF_8);
        RgbImage hq = readImage(in);
        RgbImage lq = readImage(in);
        RgbImage condition = readImage(in);
        int steps = length(in, 4);
        int[] timesteps = new int[steps];
        for (int k = 0; k < steps; k++) {
            timesteps[k] = in.readInt();
        }
        double eta = Double.longBitsToDouble(in.readLong());
        long[] dims = new long[length(in, 8)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = in.readLong();
        }
        Shape latentShape = new Shape(dims);
        int elements = Math.toIntExact(latentShape.size());
        int groupSize = length(in, 1);
        List<Trajectory> trajectories = new ArrayList<>(groupSize);
        for (int c = 0; c < groupSize; c++) {
            NoiseKey key = new NoiseKey(in.readLong(), in.readLong(), in.readLong(), in.readLong());
            float[] logProbs = in.readBoolean() ? readFloats(in, steps) : new float[0];
            float[] latents = readFloats(in, Math.multiplyExact((long) steps + 1, elements));
            trajectories.add(Trajectory.wrap(key, elements, latents, logProbs));
        }
        List<RgbImage> candidates = new ArrayList<>(groupSize);
        for (int c = 0; c < groupSize; c++) {
            candidates.add(readImage(in));
        }
        return new FaceGroup(new TrainingPair(id, hq, lq, condition), new Rollout(timesteps, eta, latentShape, trajectories),
                candidates);
    }

    private void writeImage(DataOutputStream out, RgbImage image) throws IOException {
        out.writeInt(image.width());
        out.writeInt(image.height());
        writeFloats(out, FloatBuffer.wrap(image.chw()));
    }

    private RgbImage readImage(DataInputStream in) throws IOException {
        int width = in.readInt();
        int height = in.readInt();
        if (width <= 0 || height <= 0) {
            throw new IOException("corrupt image size " + width + "x" + height);
        }
        return RgbImage.wrap(width, height, readFloats(in, 3L * width * height));
    }

    /** Raw bits through a byte buffer: DataOutputStream.writeFloat would canonicalise NaN payloads. */
    private void writeFloats(DataOutputStream out, FloatBuffer values) throws IOException {
        FloatBuffer src = values.duplicate();
        while (src.hasRemaining()) {
            int n = Math.min(src.remaining(), chunk.capacity() / 4);
            chunk.clear();
            chunk.asFloatBuffer().put(src.slice(src.position(), n));
            src.position(src.position() + n);
            out.write(chunk.array(), 0, 4 * n);
        }
    }

    private float[] readFloats(DataInputStream in, long count) throws IOException {
        if (count < 0 || 4 * count > maxBytes) {
            throw new IOException("corrupt length: " + count + " floats in at most " + maxBytes + " bytes");
        }
        float[] values = new float[(int) count];
        for (int done = 0; done < values.length; ) {
            int n = Math.min(values.length - done, chunk.capacity() / 4);
            in.readFully(chunk.array(), 0, 4 * n);
            chunk.clear();
            chunk.asFloatBuffer().get(values, done, n);
            done += n;
        }
        return values;
    }

    private int length(DataInputStream in, int bytesPerItem) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * bytesPerItem > maxBytes) {
            throw new IOException("corrupt length " + n + " in at most " + maxBytes + " bytes");
        }
        return n;
    }

    private static byte[] readBytes(DataInputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}

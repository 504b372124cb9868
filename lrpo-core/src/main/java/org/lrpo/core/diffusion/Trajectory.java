package org.lrpo.core.diffusion;

import java.nio.FloatBuffer;
import java.util.Objects;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ModelSpace;

/**
 * One candidate's rollout (METHOD.md section 3): the K + 1 latents {@code x_{tau_0} = x_T, ..., x_K} and
 * the K old log-probabilities. Because x_prev of step k is x_t of step k + 1, each latent is stored once:
 * {@code latent(k)} is x_t of step k and {@code latent(k + 1)} its x_prev. Latents are in model space
 * ([-1, 1] for images); the last one is the restored image.
 */
public final class Trajectory {
    private final NoiseKey key;
    private final int elements;
    private final float[] latents;
    private final float[] logProbs;

    Trajectory(NoiseKey key, int steps, int elements, boolean withLogProbs) {
        this(key, elements, new float[Math.multiplyExact(steps + 1, elements)],
                withLogProbs ? new float[steps] : new float[0]);
    }

    private Trajectory(NoiseKey key, int elements, float[] latents, float[] logProbs) {
        this.key = Objects.requireNonNull(key, "key");
        this.elements = elements;
        this.latents = latents;
        this.logProbs = logProbs;
    }

    /**
     * A trajectory rebuilt from stored arrays (e.g. read back from disk), taking ownership of them without
     * copying: the caller must not keep or change them.
     *
     * @param latents the K + 1 latents of D = {@code elements} values each, latent-major
     * @param logProbs the K old log-probabilities, or none for an eta = 0 rollout
     */
    public static Trajectory wrap(NoiseKey key, int elements, float[] latents, float[] logProbs) {
        if (elements <= 0 || latents.length == 0 || latents.length % elements != 0) {
            throw new IllegalArgumentException("latents of " + elements + " elements each cannot fill "
                    + latents.length + " floats");
        }
        int steps = latents.length / elements - 1;
        if (logProbs.length != 0 && logProbs.length != steps) {
            throw new IllegalArgumentException(steps + " steps need " + steps + " log-probabilities or none, got "
                    + logProbs.length);
        }
        return new Trajectory(key, elements, latents, logProbs);
    }

    public NoiseKey key() {
        return key;
    }

    /** K. */
    public int steps() {
        return latents.length / elements - 1;
    }

    /** D, elements of one latent. */
    public int elements() {
        return elements;
    }

    /** Read-only view of latent j in [0, K]: x_t of step j, and x_prev of step j - 1. */
    public FloatBuffer latent(int j) {
        if (j < 0 || j > steps()) {
            throw new IllegalArgumentException("latent index " + j + " outside [0, " + steps() + "]");
        }
        return FloatBuffer.wrap(latents, j * elements, elements).slice().asReadOnlyBuffer();
    }

    /** The old log pi of step k (mean over D). */
    public float logProb(int k) {
        if (logProbs.length == 0) {
            throw new IllegalStateException("this rollout was sampled with eta = 0: its steps have no log-probability");
        }
        return logProbs[k];
    }

    public boolean hasLogProbs() {
        return logProbs.length > 0;
    }

    /** All K old log-probabilities (a copy). */
    public float[] logProbs() {
        return logProbs.clone();
    }

    /** The final latent x_K mapped from [-1, 1] to an RGB image in [0, 1] (clamped); needs C = 3. */
    public RgbImage finalImage(int width, int height) {
        if (3L * width * height != elements) {
            throw new IllegalArgumentException(width + "x" + height + " RGB needs " + 3L * width * height
                    + " elements, latents have " + elements);
        }
        return ModelSpace.image(latents, steps(), width, height);
    }

    /** Bytes of payload held: the (K + 1) float latents and K float log-probabilities. */
    public long payloadBytes() {
        return 4L * latents.length + 4L * logProbs.length;
    }

    void putLatent(int j, float[] batch, int sample) {
        System.arraycopy(batch, sample * elements, latents, j * elements, elements);
    }

    void copyLatent(int j, float[] batch, int sample) {
        System.arraycopy(latents, j * elements, batch, sample * elements, elements);
    }

    void putLogProb(int k, float value) {
        logProbs[k] = value;
    }
}

package org.lrpo.core.diffusion;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The latent a DDIM chain starts from, one per noise key (sample-major), drawn from each key's
 * {@link NoiseKey#initialStream()}: pure noise {@code x_T ~ N(0, I)} for the full chain (METHOD 2), or, for a
 * chain that starts part-way at a step whose cumulative product is {@code abar},
 * {@code sqrt(abar) c + sqrt(1 - abar) n} with {@code c} the key's condition {@code R(lq)} in model space
 * (<b>[here]</b>, SDEdit/DifFace-style).
 */
public final class ChainStart {
    private ChainStart() {}

    /** Pure noise x_T for each key, {@code elements} floats each. */
    public static float[] pureNoise(List<NoiseKey> keys, int elements) {
        float[] x = new float[keys.size() * elements];
        for (int i = 0; i < keys.size(); i++) {
            GaussianNoise.fill(keys.get(i).initialStream(), x, i * elements, elements);
        }
        return x;
    }

    /**
     * Each key's condition noised to {@code abar}.
     *
     * @param condition the condition of key {@code i}, {@code elements} floats in model space
     */
    public static float[] noised(List<NoiseKey> keys, int elements, IntFunction<float[]> condition, double abar) {
        if (!(abar > 0 && abar <= 1)) {
            throw new IllegalArgumentException("abar must be in (0, 1], got " + abar);
        }
        float[] x = pureNoise(keys, elements);
        float a = (float) Math.sqrt(abar);
        float b = (float) Math.sqrt(1 - abar);
        for (int i = 0; i < keys.size(); i++) {
            float[] c = condition.apply(i);
            if (c.length != elements) {
                throw new IllegalArgumentException("condition " + i + " has " + c.length + " values, not " + elements);
            }
            for (int j = 0; j < elements; j++) {
                x[i * elements + j] = a * c[j] + b * x[i * elements + j];
            }
        }
        return x;
    }
}

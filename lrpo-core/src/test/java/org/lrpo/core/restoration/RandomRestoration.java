package org.lrpo.core.restoration;

import java.util.SplittableRandom;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.optim.ParameterLayout;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.train.NetworkParameters;
import org.lrpo.core.model.RestorationNet;

/** Seeded test inputs of the restoration tests: non-identity weights and random images. */
final class RandomRestoration {
    private RandomRestoration() {}

    /**
     * Writes seeded values into every parameter, tail included, so that R is far from the identity:
     * weights uniform in {@code +-1/sqrt(fan_in)} (the initial scale), biases uniform in {@code +-0.1}.
     */
    static void randomise(RestorationNet net, long seed) {
        NetworkParameters p = new NetworkParameters(net);
        ParameterLayout layout = p.allLayout();
        float[] v = new float[layout.totalSize()];
        SplittableRandom rng = Seeds.stream(seed, "restoration-test-weights");
        for (ParameterLayout.Entry e : layout.entries()) {
            int[] shape = e.shape();
            double bound = shape.length > 1 ? 1.0 / Math.sqrt((double) e.size() / shape[0]) : 0.1;
            for (int i = 0; i < e.size(); i++) {
                v[e.offset() + i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
        }
        p.writeAll(ParameterSet.wrap(layout, v));
    }

    /** An image with values uniform in [lo, hi). */
    static RgbImage image(long seed, int width, int height, float lo, float hi) {
        float[] chw = new float[3 * width * height];
        SplittableRandom rng = Seeds.stream(seed, "restoration-test-image");
        for (int i = 0; i < chw.length; i++) {
            chw[i] = lo + (hi - lo) * (float) rng.nextDouble();
        }
        return RgbImage.wrap(width, height, chw);
    }

    /** Largest absolute difference between two images of one size. */
    static double maxAbsDiff(RgbImage a, RgbImage b) {
        float[] x = a.chw();
        float[] y = b.chw();
        if (x.length != y.length) {
            throw new IllegalArgumentException(a + " vs " + b);
        }
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }
}

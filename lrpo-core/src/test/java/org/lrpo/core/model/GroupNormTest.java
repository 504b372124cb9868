package org.lrpo.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.testing.PythonReference;

class GroupNormTest {
    private static final int B = 2, C = 6, H = 3, W = 4, GROUPS = 3;

    private static float[] draws(String domain, int n, double scale, double shift) {
        SplittableRandom rng = Seeds.stream(7L, domain);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (shift + scale * (2 * rng.nextDouble() - 1));
        }
        return v;
    }

    /** GroupNorm evaluated by hand, in double, straight from the definition. */
    private static double[] byHand(float[] x, float[] gamma, float[] beta) {
        double[] y = new double[x.length];
        int perGroup = C / GROUPS * H * W;
        for (int b = 0; b < B; b++) {
            for (int g = 0; g < GROUPS; g++) {
                int start = b * C * H * W + g * perGroup;
                double mean = 0;
                for (int i = 0; i < perGroup; i++) mean += x[start + i];
                mean /= perGroup;
                double var = 0;
                for (int i = 0; i < perGroup; i++) var += (x[start + i] - mean) * (x[start + i] - mean);
                var /= perGroup;
                for (int i = 0; i < perGroup; i++) {
                    int c = (start + i) / (H * W) % C;
                    y[start + i] = (x[start + i] - mean) / Math.sqrt(var + 1e-5) * gamma[c] + beta[c];
                }
            }
        }
        return y;
    }

    @Test
    void matchesHandComputationAndTorch() throws Exception {
        float[] x = draws("x", B * C * H * W, 3.0, 0.7);
        float[] gamma = draws("gamma", C, 1.0, 1.0);
        float[] beta = draws("beta", C, 0.5, 0.0);
        double[] hand = byHand(x, gamma, beta);

        float[] ours;
        try (NDManager m = NDManager.newBaseManager()) {
            GroupNorm norm = new GroupNorm(GROUPS, C);
            norm.initialize(m, DataType.FLOAT32, new Shape(B, C, H, W));
            for (var p : norm.getParameters()) {
                Parameter param = p.getValue();
                param.getArray().set(FloatBuffer.wrap(param.getType() == Parameter.Type.GAMMA ? gamma : beta));
            }
            NDArray in = m.create(x, new Shape(B, C, H, W));
            ours = norm.forward(new ParameterStore(m, false), new NDList(in), false).head().toFloatArray();
        }

        Path dir = Files.createTempDirectory("gn");
        PythonReference.writeFloats(dir.resolve("x.f32"), x);
        PythonReference.writeFloats(dir.resolve("g.f32"), gamma);
        PythonReference.writeFloats(dir.resolve("b.f32"), beta);
        PythonReference.run("groupnorm_reference.py", dir.resolve("x.f32").toString(), dir.resolve("g.f32").toString(),
                dir.resolve("b.f32").toString(), "" + B, "" + C, "" + H, "" + W, "" + GROUPS,
                dir.resolve("y.f64").toString());
        double[] torch = PythonReference.readDoubles(dir.resolve("y.f64"));

        assertEquals(x.length, torch.length);
        for (int i = 0; i < x.length; i++) {
            // float32 normalisation of values of order 1: agreement to a few ulps.
            assertEquals(hand[i], ours[i], 1e-5, "hand vs ours at " + i);
            assertEquals(torch[i], ours[i], 1e-5, "torch vs ours at " + i);
        }
    }

    @Test
    void rejectsChannelsNotDivisibleByGroups() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(4, 6));
        assertEquals("GroupNorm needs channels divisible by groups, got channels=6, groups=4", e.getMessage());
    }
}

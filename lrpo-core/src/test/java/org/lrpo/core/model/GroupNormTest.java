package org.lrpo.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
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

    /** The backward through layer_norm and the affine: d sum(y * w) / d (x, gamma, beta) against torch's. */
    @Test
    void gradientsMatchTorch() throws Exception {
        float[] x = draws("x", B * C * H * W, 3.0, 0.7);
        float[] gamma = draws("gamma", C, 1.0, 1.0);
        float[] beta = draws("beta", C, 0.5, 0.0);
        float[] w = draws("w", B * C * H * W, 1.0, 0.0);

        float[] ours = new float[B * C * H * W + 2 * C];
        try (NDManager m = NDManager.newBaseManager()) {
            GroupNormGradients g = GroupNormGradients.of(m, x, gamma, beta, w);
            System.arraycopy(g.x, 0, ours, 0, x.length);
            System.arraycopy(g.gamma, 0, ours, x.length, C);
            System.arraycopy(g.beta, 0, ours, x.length + C, C);
        }

        Path dir = Files.createTempDirectory("gn");
        PythonReference.writeFloats(dir.resolve("x.f32"), x);
        PythonReference.writeFloats(dir.resolve("g.f32"), gamma);
        PythonReference.writeFloats(dir.resolve("b.f32"), beta);
        PythonReference.writeFloats(dir.resolve("w.f32"), w);
        PythonReference.run("groupnorm_reference.py", dir.resolve("x.f32").toString(), dir.resolve("g.f32").toString(),
                dir.resolve("b.f32").toString(), "" + B, "" + C, "" + H, "" + W, "" + GROUPS,
                dir.resolve("y.f64").toString(), dir.resolve("w.f32").toString(), dir.resolve("grads.f64").toString());
        double[] torch = PythonReference.readDoubles(dir.resolve("grads.f64"));

        assertEquals(ours.length, torch.length);
        for (int i = 0; i < ours.length; i++) {
            // gamma/beta gradients sum 24 terms of order 1.
            assertEquals(torch[i], ours[i], 1e-4, "gradient " + i + " (x: < " + x.length + ", then gamma, beta)");
        }
    }

    /** Gradients of sum(GroupNorm(x) * w) from DJL's autograd. */
    private record GroupNormGradients(float[] x, float[] gamma, float[] beta) {
        static GroupNormGradients of(NDManager m, float[] x, float[] gamma, float[] beta, float[] w) {
            GroupNorm norm = new GroupNorm(GROUPS, C);
            norm.initialize(m, DataType.FLOAT32, new Shape(B, C, H, W));
            NDArray g = null;
            NDArray b = null;
            for (var p : norm.getParameters()) {
                Parameter param = p.getValue();
                boolean isGamma = param.getType() == Parameter.Type.GAMMA;
                param.getArray().set(FloatBuffer.wrap(isGamma ? gamma : beta));
                param.getArray().setRequiresGradient(true);
                if (isGamma) {
                    g = param.getArray();
                } else {
                    b = param.getArray();
                }
            }
            NDArray in = m.create(x, new Shape(B, C, H, W));
            in.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = norm.forward(new ParameterStore(m, false), new NDList(in), true).head();
                gc.backward(y.mul(m.create(w, new Shape(B, C, H, W))).sum());
            }
            // getGradient() handles land in m, closed by the caller.
            return new GroupNormGradients(in.getGradient().toFloatArray(), g.getGradient().toFloatArray(),
                    b.getGradient().toFloatArray());
        }
    }

    @Test
    void rejectsChannelsNotDivisibleByGroups() {
        var e = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(4, 6));
        assertEquals("GroupNorm needs channels divisible by groups, got channels=6, groups=4", e.getMessage());
    }
}

package org.lrpo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.lrpo.core.random.Seeds;

/**
 * Deterministic initial weights, drawn in Java from {@link Seeds} streams named by the parameter's name, so
 * the same seed gives the same network on any machine and the base's weights do not depend on whether a
 * control branch exists.
 *
 * <ul>
 *   <li>weights: uniform in {@code [-1/sqrt(fan_in), 1/sqrt(fan_in)]}, PyTorch's default for Conv2d and
 *       Linear ({@code kaiming_uniform_(a=sqrt(5))});</li>
 *   <li>biases and GroupNorm beta: 0; GroupNorm gamma: 1;</li>
 *   <li>the control branch's output ("zero") convolutions: weight and bias 0, the ControlNet rule that
 *       makes a fresh branch leave the base's output unchanged.</li>
 * </ul>
 */
final class WeightInit {
    static final String DOMAIN = "policy-init";

    private WeightInit() {}

    static void apply(Map<String, Parameter> parameters, long seed) {
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            String name = e.getKey();
            Parameter p = e.getValue();
            NDArray array = p.getArray();
            int n = Math.toIntExact(array.size());
            float[] values = new float[n];
            boolean zeroConv = name.startsWith(ParameterGroup.CONTROL.prefix())
                    && name.contains("." + ControlBranch.ZERO_CONV);
            if (p.getType() == Parameter.Type.GAMMA) {
                java.util.Arrays.fill(values, 1f);
            } else if (p.getType() == Parameter.Type.WEIGHT && !zeroConv) {
                long fanIn = array.getShape().size() / array.getShape().get(0);
                double bound = 1.0 / Math.sqrt(fanIn);
                SplittableRandom rng = Seeds.stream(seed, DOMAIN, Seeds.idCoordinate(name));
                for (int i = 0; i < n; i++) {
                    values[i] = (float) ((2.0 * rng.nextDouble() - 1.0) * bound);
                }
            }
            array.set(FloatBuffer.wrap(values));
        }
    }
}

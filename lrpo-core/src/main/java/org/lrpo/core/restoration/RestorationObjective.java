package org.lrpo.core.restoration;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.lrpo.core.config.PixelLoss;
import org.lrpo.core.engine.GradientRecording;
import org.lrpo.core.engine.ScopedScalars;
import org.lrpo.core.model.ModelSpace;
import org.lrpo.core.model.RestorationNet;
import org.lrpo.core.train.ShardObjective;
import org.lrpo.core.train.TrainingPair;

/**
 * Stage 1's supervised loss, METHOD section 7 item 1, per sample, in pixel units ([0, 1] images):
 *
 * <pre>
 *   L1: mean_d | R(lq)_d - hq_d |          L2: mean_d ( R(lq)_d - hq_d )^2
 * </pre>
 *
 * R works in model space ([-1, 1]), where differences are twice as large, so the model-space difference
 * is halved first. No random draw: the loss of a pair is a function of the pair.
 */
public final class RestorationObjective implements ShardObjective {
    private final RestorationNet net;
    private final Engine engine;
    private final PixelLoss loss;

    public RestorationObjective(RestorationNet net, Engine engine, PixelLoss loss) {
        this.net = net;
        this.engine = engine;
        this.loss = loss;
    }

    @Override
    public double lossSumAndGradient(List<TrainingPair> pairs, long step, int firstSample) {
        int b = pairs.size();
        try (NDManager m = net.manager().newSubManager()) {
            NDArray lq = ModelSpace.batch(m, pairs.stream().map(TrainingPair::lq).toList());
            NDArray hq = ModelSpace.batch(m, pairs.stream().map(TrainingPair::hq).toList());
            try (GradientRecording rec = GradientRecording.open(engine)) {
                // Not mul(0.5f): the graph keeps that scalar, and DJL frees its memory at the next GC (ScopedScalars).
                NDArray diff = ScopedScalars.mul(net.forward(lq).sub(hq), 0.5f);
                NDArray perElement = loss == PixelLoss.L1 ? diff.abs() : diff.mul(diff);
                NDArray sum = perElement.reshape(b, -1).mean(new int[] {1}).sum();
                double lossSum = sum.getFloat();
                rec.backward(sum);
                return lossSum;
            }
        }
    }
}

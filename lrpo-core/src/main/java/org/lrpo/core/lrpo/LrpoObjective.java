package org.lrpo.core.lrpo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Optional;
import org.lrpo.core.config.RegulariserTarget;
import org.lrpo.core.diffusion.DdimStep;
import org.lrpo.core.diffusion.StepResult;
import org.lrpo.core.diffusion.Trajectory;
import org.lrpo.core.engine.GradientRecording;
import org.lrpo.core.engine.ScopedScalars;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.ModelSpace;
import org.lrpo.core.model.NoGrad;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.train.NetworkParameters;

/**
 * The loss of one training step k on a shard of a micro-batch, METHOD section 6:
 *
 * <pre>
 *   L = L_pg + reg_weight * L_reg [last trained steps only] + kl_weight * KL [optional]
 * </pre>
 *
 * The log-probability is recomputed through the same {@link DdimStep} path the rollout sampled with,
 * so at theta = theta_old the ratio is exactly 1. Each term is a mean over the shard, scaled by
 * {@code shard / microBatch}, so the gradients of the shards of a micro-batch (on different executors)
 * add up to the gradient of the micro-batch mean.
 */
public final class LrpoObjective {
    private final ConditionalDenoiser policy;
    private final Optional<ConditionalDenoiser> reference;
    private final DdimStep step;
    private final NoiseLevelWeights weights;
    private final Terms terms;
    private final Engine engine;
    private final long seed;
    /** Reads the policy's trainable gradients between the two backward passes; made on first use. */
    private NetworkParameters gradients;

    /** The objective's constants. */
    public record Terms(double clipEpsilon, boolean regulariser, double regulariserWeight, double regulariserScale,
                       int regulariserLastDenoisingSteps, RegulariserTarget target, double klWeight,
                       boolean measureGradientRatio) {}

    public LrpoObjective(ConditionalDenoiser policy, Optional<ConditionalDenoiser> reference, DdimStep step,
                         NoiseLevelWeights weights, Terms terms, Engine engine, long seed) {
        if (terms.klWeight() > 0 && reference.isEmpty()) {
            throw new IllegalArgumentException("a KL weight of " + terms.klWeight() + " needs a reference policy");
        }
        this.policy = policy;
        this.reference = reference;
        this.step = step;
        this.weights = weights;
        this.terms = terms;
        this.engine = engine;
        this.seed = seed;
    }

    /** Steps 0 .. K-2 are trained; the last step is not (METHOD 6). */
    public int trainedSteps() {
        return step.timesteps().count() - 1;
    }

    /**
     * Adds the gradient of this shard's share of the micro-batch loss at step k to the policy's
     * trainable parameters (call {@code zeroGradients} before the first shard of an update).
     *
     * @param shard the samples of the micro-batch this JVM holds
     * @param microBatch the micro-batch's size over all shards (the normaliser)
     * @param round the round, naming the regulariser's noise draws
     */
    public StepStatistics accumulate(List<TrainingSample> shard, int k, int microBatch, long round) {
        if (k < 0 || k >= trainedSteps()) {
            throw new IllegalArgumentException("step " + k + " is not trained (0.." + (trainedSteps() - 1) + ")");
        }
        int b = shard.size();
        int d = shard.get(0).group().rollout().trajectory(0).elements();
        float[] xt = new float[b * d];
        float[] xPrev = new float[b * d];
        float[] oldLogProb = new float[b];
        float[] advantage = new float[b];
        for (int i = 0; i < b; i++) {
            TrainingSample s = shard.get(i);
            Trajectory t = s.group().rollout().trajectory(s.candidate());
            copy(t.latent(k), xt, i * d);
            copy(t.latent(k + 1), xPrev, i * d);
            oldLogProb[i] = t.logProb(k);
            advantage[i] = (float) weights.weightedAdvantage(s.advantage(), k);
        }
        double share = (double) b / microBatch;
        boolean withRegulariser = terms.regulariser()
                && LikelihoodRegulariser.appliesTo(k, trainedSteps(), terms.regulariserLastDenoisingSteps());
        try (NDManager m = policy.manager().newSubManager()) {
            Shape shape = new Shape(b).addAll(shard.get(0).group().rollout().latentShape());
            NDArray xtArray = m.create(xt, shape);
            NDArray xPrevArray = m.create(xPrev, shape);
            NDArray condition = ModelSpace.batch(m, shard.stream().map(s -> s.group().pair().condition()).toList());
            int[] t = new int[b];
            java.util.Arrays.fill(t, step.timesteps().timestep(k));
            NDArray muReference = null;
            if (terms.klWeight() > 0) {
                try (NoGrad ignored = NoGrad.open()) {
                    NDArray epsRef = reference.get().predictNoise(xtArray, t, condition);
                    muReference = step.rescore(xtArray, epsRef, k, xPrevArray).mu();
                }
            }
            NDArray target = withRegulariser ? m.create(targets(shard, k, round, d), shape) : null;
            try (GradientRecording rec = GradientRecording.open(engine)) {
                NDArray eps = policy.predictNoise(xtArray, t, condition);
                StepResult r = step.rescore(xtArray, eps, k, xPrevArray);
                ClippedSurrogate.Result pg = ClippedSurrogate.compute(r.logProbOrThrow(), m.create(oldLogProb),
                        m.create(advantage), terms.clipEpsilon());
                // Numbers through ScopedScalars: DJL's mul(Number) scalar would be freed by a GC before backward.
                NDArray policyPart = ScopedScalars.mul(pg.loss(), share);
                double kl = 0;
                if (muReference != null) {
                    NDArray lKl = ReferenceKl.compute(r.mu(), muReference, r.sigma());
                    kl = lKl.getFloat();
                    policyPart = policyPart.add(ScopedScalars.mul(lKl, terms.klWeight() * share));
                }
                double reg = 0;
                double ratio = 0;
                int ratios = 0;
                NDArray loss = policyPart;
                if (withRegulariser) {
                    NDArray lReg = LikelihoodRegulariser.compute(r.mu(), r.sigma(), target, terms.regulariserScale());
                    reg = lReg.getFloat();
                    NDArray regPart = ScopedScalars.mul(lReg, terms.regulariserWeight() * share);
                    if (terms.measureGradientRatio()) {
                        ratio = backwardMeasuringRatio(rec, policyPart, regPart);
                        ratios = 1;
                    }
                    loss = policyPart.add(regPart);
                }
                double policyLoss = pg.loss().getFloat();
                double assembled = loss.toArray()[0].doubleValue();
                if (ratios == 0) {
                    rec.backward(loss);
                }
                return new StepStatistics(b, policyLoss * b, reg * b, kl * b, pg.ratioMean() * b, pg.ratioMin(),
                        pg.ratioMax(), pg.clipFraction() * b, pg.approxKl() * b, assembled, ratio, ratios);
            }
        }
    }

    /**
     * Back-propagates the two parts one after the other (their gradients add up to the one of their sum,
     * up to float rounding) and returns ||grad regPart|| / ||grad policyPart||; the gradients are zero before.
     */
    private double backwardMeasuringRatio(GradientRecording rec, NDArray policyPart, NDArray regPart) {
        if (gradients == null) {
            gradients = new NetworkParameters(policy);
        }
        int size = gradients.trainableLayout().totalSize();
        float[] policyGradient = new float[size];
        float[] total = new float[size];
        rec.backwardKeepingGraph(policyPart);
        gradients.readGradients(policyGradient);
        rec.backward(regPart);
        gradients.readGradients(total);
        double policySq = 0;
        double regSq = 0;
        for (int i = 0; i < size; i++) {
            double p = policyGradient[i];
            double g = (double) total[i] - p;
            policySq += p * p;
            regSq += g * g;
        }
        return Math.sqrt(regSq) / Math.sqrt(policySq);
    }

    private float[] targets(List<TrainingSample> shard, int k, long round, int d) {
        float[] out = new float[shard.size() * d];
        for (int i = 0; i < shard.size(); i++) {
            TrainingSample s = shard.get(i);
            float[] gt = ModelSpace.values(s.group().pair().hq());
            float[] g = terms.target().target(gt, step.timesteps(), k, seed, round,
                    Seeds.idCoordinate(s.group().pair().id()), s.candidate());
            System.arraycopy(g, 0, out, i * d, d);
        }
        return out;
    }

    private static void copy(FloatBuffer from, float[] to, int offset) {
        from.get(to, offset, from.remaining());
    }
}

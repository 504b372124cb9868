package org.lrpo.core.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.NoGrad;

/**
 * Runs the K DDIM steps of METHOD.md section 2 from {@code x_T ~ N(0, I)} for a batch of candidates and
 * records the {@link Rollout}: G candidates of one LQ image (pass lq with batch 1) or one candidate each
 * of different images (lq with batch B).
 *
 * <p>Each step runs in its own {@code NDManager} scope under {@link NoGrad}; only Java arrays cross steps,
 * so native memory stays flat however long a run is. Noise: x_T from {@link NoiseKey#initialStream()},
 * z of step k from {@link NoiseKey#stepStream(int)}; with eta = 0 no z is drawn (deterministic DDIM).
 */
public final class DdimSampler {
    private final ConditionalDenoiser policy;
    private final DdimStep step;

    public DdimSampler(ConditionalDenoiser policy, DdimTimesteps timesteps, double eta) {
        this(policy, new DdimStep(timesteps, eta));
    }

    /** Samples with the given step rule (eta, x0 clipping). */
    public DdimSampler(ConditionalDenoiser policy, DdimStep step) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.step = Objects.requireNonNull(step, "step");
    }

    public DdimStep step() {
        return step;
    }

    /** Samples one trajectory per key, starting from x_T drawn from each key's initial stream. */
    public Rollout sample(NDArray lq, List<NoiseKey> keys) {
        return sampleFrom(lq, keys, ChainStart.pureNoise(keys, policy.config().elementsPerImage()));
    }

    /**
     * Samples one trajectory per key from the given x_T ({@code keys.size() * D} floats, sample-major).
     *
     * @param lq c in model space, [1 or B, C, R, R], on the policy's device; not modified, not closed
     */
    public Rollout sampleFrom(NDArray lq, List<NoiseKey> keys, float[] start) {
        return sampleWithPrediction(lq, keys, start).rollout();
    }

    /** A rollout and the last step's x0_hat of each trajectory ({@code keys.size() * D} floats, sample-major). */
    public record SampledRollout(Rollout rollout, float[] lastX0Hat) {}

    /** {@link #sampleFrom}, also keeping the last step's x0 prediction (a {@code final-image = x0-hat} ending). */
    public SampledRollout sampleWithPrediction(NDArray lq, List<NoiseKey> keys, float[] start) {
        Objects.requireNonNull(lq, "lq");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("need at least one noise key (one per candidate)");
        }
        int batch = keys.size();
        int r = policy.config().resolution();
        Shape latentShape = new Shape(policy.config().imageChannels(), r, r);
        int d = Math.toIntExact(latentShape.size());
        if (start.length != batch * d) {
            throw new IllegalArgumentException("x_T needs " + batch + " x " + d + " floats, got " + start.length);
        }
        long lqBatch = lq.getShape().get(0);
        if (lqBatch != 1 && lqBatch != batch) {
            throw new IllegalArgumentException("lq batch " + lqBatch + " must be 1 (shared) or the number of keys "
                    + batch);
        }
        DdimTimesteps timesteps = step.timesteps();
        int k = timesteps.count();
        boolean stochastic = step.eta() > 0;
        List<Trajectory> trajectories = new ArrayList<>(batch);
        for (NoiseKey key : keys) {
            trajectories.add(new Trajectory(key, k, d, stochastic));
        }
        Shape batchShape = new Shape(batch).addAll(latentShape);
        float[] current = start.clone();
        float[] lastX0Hat = null;
        for (int i = 0; i < batch; i++) {
            trajectories.get(i).putLatent(0, current, i);
        }
        for (int s = 0; s < k; s++) {
            int[] t = new int[batch];
            java.util.Arrays.fill(t, timesteps.timestep(s));
            try (NDManager scope = policy.manager().newSubManager(); NoGrad ignored = NoGrad.open()) {
                NDArray xt = scope.create(current, batchShape);
                NDArray eps = policy.predictNoise(xt, t, lq);
                StepResult result = step.sample(xt, eps, s, stochastic ? keys : null);
                current = result.xPrev().toFloatArray();
                if (s == k - 1) {
                    lastX0Hat = result.x0Hat().toFloatArray();
                }
                float[] logProb = stochastic ? result.logProb().toFloatArray() : null;
                for (int i = 0; i < batch; i++) {
                    trajectories.get(i).putLatent(s + 1, current, i);
                    if (stochastic) {
                        trajectories.get(i).putLogProb(s, logProb[i]);
                    }
                }
            }
        }
        return new SampledRollout(new Rollout(timesteps.timesteps(), step.eta(), latentShape, trajectories), lastX0Hat);
    }

    /**
     * Restoration without a trajectory: runs steps {@code firstStep .. K-1} from {@code start} (the
     * latent at timestep tau_firstStep, sample-major) and returns only the final latents: x_prev of the last
     * step, or its x0_hat when {@code lastX0Hat} ({@link org.lrpo.core.config.FinalImage}). Nothing but the
     * current batch is held, so restoring large batches costs no rollout memory.
     */
    public float[] finalLatents(NDArray lq, List<NoiseKey> keys, float[] start, int firstStep, boolean lastX0Hat) {
        int batch = keys.size();
        int r = policy.config().resolution();
        Shape batchShape = new Shape(batch, policy.config().imageChannels(), r, r);
        if (start.length != batchShape.size()) {
            throw new IllegalArgumentException("start latents need " + batchShape.size() + " floats, got " + start.length);
        }
        DdimTimesteps timesteps = step.timesteps();
        if (firstStep < 0 || firstStep >= timesteps.count()) {
            throw new IllegalArgumentException("first step " + firstStep + " outside [0, " + timesteps.count() + ")");
        }
        boolean stochastic = step.eta() > 0;
        float[] current = start;
        for (int s = firstStep; s < timesteps.count(); s++) {
            int[] t = new int[batch];
            java.util.Arrays.fill(t, timesteps.timestep(s));
            try (NDManager scope = policy.manager().newSubManager(); NoGrad ignored = NoGrad.open()) {
                NDArray xt = scope.create(current, batchShape);
                NDArray eps = policy.predictNoise(xt, t, lq);
                StepResult result = step.sample(xt, eps, s, stochastic ? keys : null);
                boolean last = s == timesteps.count() - 1;
                current = (last && lastX0Hat ? result.x0Hat() : result.xPrev()).toFloatArray();
            }
        }
        return current;
    }
}

package org.lrpo.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import org.lrpo.core.config.PretrainSettings;
import org.lrpo.core.diffusion.GaussianNoise;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.engine.GradientRecording;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.ModelSpace;
import org.lrpo.core.random.Seeds;

/**
 * Supervised pre-training objective, METHOD section 7, for a shard of a step's batch:
 *
 * <pre>
 *   t ~ U{0, ..., T'-1},  eps ~ N(0, I)                     (keyed by (seed, step, sample))
 *   x_t  = sqrt(abar_t) * gt + sqrt(1 - abar_t) * eps
 *   loss = || eps - eps_theta(x_t, t, c) ||^2               (per-element mean over D; c = R(lq), the pair's condition)
 * </pre>
 *
 * T' is the schedule's T (METHOD), or fewer with {@code pretrain.max-timestep} (<b>[here]</b>): a policy that
 * only ever restores from a lightly noised {@code R(lq)} ({@code sampler.restore-strength} below 1) uses only
 * the low timesteps, and at the demo's budget spending every step there is what makes it denoise cleanly.
 *
 * <p>It returns the <em>sum</em> of per-sample losses and leaves the gradient of that sum in the policy's
 * trainable parameters, so shards computed on different executors add up; the driver divides by the
 * batch size. The draws depend only on (seed, step, global sample index), so any partitioning of a
 * batch gives the same samples.
 */
public final class SupervisedObjective {
    static final String T_DOMAIN = "pretrain-t";
    static final String EPS_DOMAIN = "pretrain-eps";

    private SupervisedObjective() {}

    /** The loss of one policy over all T timesteps as a {@link ShardObjective}, draws keyed by {@code seed}. */
    public static ShardObjective of(ConditionalDenoiser policy, NoiseSchedule schedule, Engine engine, long seed) {
        return of(policy, schedule, engine, seed, schedule.steps());
    }

    /** The loss pre-training is configured with: timesteps below {@code pretrain.max-timestep} (0 = all T). */
    public static ShardObjective of(ConditionalDenoiser policy, NoiseSchedule schedule, Engine engine, long seed,
                                    PretrainSettings settings) {
        return of(policy, schedule, engine, seed, settings.timestepsDrawn(schedule.steps()));
    }

    /** The same over timesteps {@code 0 .. timesteps - 1}. */
    public static ShardObjective of(ConditionalDenoiser policy, NoiseSchedule schedule, Engine engine, long seed,
                                    int timesteps) {
        if (timesteps < 1 || timesteps > schedule.steps()) {
            throw new IllegalArgumentException("timesteps drawn must be in [1, " + schedule.steps() + "], got "
                    + timesteps);
        }
        return (pairs, step, firstSample) -> lossSumAndGradient(policy, schedule, engine, pairs, seed, step,
                firstSample, timesteps);
    }

    /** The loss over all T timesteps, see {@link #lossSumAndGradient(ConditionalDenoiser, NoiseSchedule, Engine, List, long, long, int, int)}. */
    public static double lossSumAndGradient(ConditionalDenoiser policy, NoiseSchedule schedule, Engine engine,
                                            List<TrainingPair> pairs, long seed, long step, int firstSample) {
        return lossSumAndGradient(policy, schedule, engine, pairs, seed, step, firstSample, schedule.steps());
    }

    /**
     * @param firstSample global index of {@code pairs.get(0)} within the step's batch
     * @param timesteps t is drawn from {@code 0 .. timesteps - 1}
     * @return the summed loss of the shard; gradients of that sum are in the trainable parameters
     */
    public static double lossSumAndGradient(ConditionalDenoiser policy, NoiseSchedule schedule, Engine engine,
                                            List<TrainingPair> pairs, long seed, long step, int firstSample,
                                            int timesteps) {
        int b = pairs.size();
        RgbImage first = pairs.get(0).hq();
        int d = first.size();
        int[] t = new int[b];
        float[] eps = new float[b * d];
        for (int i = 0; i < b; i++) {
            long sample = firstSample + i;
            SplittableRandom tRng = Seeds.stream(seed, T_DOMAIN, step, sample);
            t[i] = tRng.nextInt(timesteps);
            GaussianNoise.fill(Seeds.stream(seed, EPS_DOMAIN, step, sample), eps, i * d, d);
        }
        try (NDManager m = policy.manager().newSubManager()) {
            NDArray gt = ModelSpace.batch(m, pairs.stream().map(TrainingPair::hq).toList());
            NDArray condition = ModelSpace.batch(m, pairs.stream().map(TrainingPair::condition).toList());
            NDArray noise = m.create(eps, gt.getShape());
            float[] sa = new float[b];
            float[] sb = new float[b];
            for (int i = 0; i < b; i++) {
                double abar = schedule.alphaBar(t[i]);
                sa[i] = (float) Math.sqrt(abar);
                sb[i] = (float) Math.sqrt(1.0 - abar);
            }
            Shape perSample = new Shape(b, 1, 1, 1);
            NDArray xt = gt.mul(m.create(sa, perSample)).add(noise.mul(m.create(sb, perSample)));
            double lossSum;
            try (GradientRecording rec = GradientRecording.open(engine)) {
                NDArray predicted = policy.predictNoise(xt, t, condition);
                NDArray diff = predicted.sub(noise);
                NDArray perSampleLoss = diff.mul(diff).reshape(b, -1).mean(new int[] {1});
                NDArray sum = perSampleLoss.sum();
                lossSum = sum.getFloat();
                rec.backward(sum);
            }
            return lossSum;
        }
    }
}

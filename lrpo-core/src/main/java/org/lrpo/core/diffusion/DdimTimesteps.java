package org.lrpo.core.diffusion;

import java.util.Arrays;

/**
 * The K sampling steps {@code tau_0 > tau_1 > ... > tau_{K-1}} of METHOD.md section 2 and, per step k,
 * the two cumulative products the DDIM update needs: {@code abar_t = abar(tau_k)} and
 * {@code abar_prev = abar(tau_k - T/K)}, or {@code abar_0} for the last step. Built by
 * {@link NoiseSchedule#ddim(int)}.
 */
public final class DdimTimesteps {
    /** diffusers' {@code steps_offset} for Stable Diffusion: shifts 980..0 to 981..1. */
    public static final int STEPS_OFFSET = 1;

    private final int[] timesteps;
    private final double[] alphaBar;
    private final double[] alphaBarPrev;

    private DdimTimesteps(int[] timesteps, double[] alphaBar, double[] alphaBarPrev) {
        this.timesteps = timesteps;
        this.alphaBar = alphaBar;
        this.alphaBarPrev = alphaBarPrev;
    }

    static DdimTimesteps of(NoiseSchedule schedule, int k) {
        int total = schedule.steps();
        if (k < 1 || k >= total) {
            throw new IllegalArgumentException("DDIM steps K must be in [1, " + (total - 1) + "], got " + k);
        }
        int stride = total / k;
        int[] tau = new int[k];
        double[] abar = new double[k];
        double[] abarPrev = new double[k];
        for (int i = 0; i < k; i++) {
            tau[i] = (k - 1 - i) * stride + STEPS_OFFSET;
            int prev = tau[i] - stride;
            abar[i] = schedule.alphaBar(tau[i]);
            // The step past the last one lands below t = 0: abar_prev = abar_0 (set_alpha_to_one=False).
            abarPrev[i] = prev >= 0 ? schedule.alphaBar(prev) : schedule.alphaBar(0);
        }
        return new DdimTimesteps(tau, abar, abarPrev);
    }

    /** K. */
    public int count() {
        return timesteps.length;
    }

    /** tau_k, the model's timestep input at step k. */
    public int timestep(int k) {
        return timesteps[check(k)];
    }

    /** All tau_k, noisiest first (a copy). */
    public int[] timesteps() {
        return timesteps.clone();
    }

    /** abar_t at step k. */
    public double alphaBar(int k) {
        return alphaBar[check(k)];
    }

    /** abar_prev at step k (abar_0 for the last step). */
    public double alphaBarPrev(int k) {
        return alphaBarPrev[check(k)];
    }

    /**
     * {@code sigma_t = eta * sqrt((1 - abar_prev) / (1 - abar_t)) * sqrt(1 - abar_t / abar_prev)} at step k
     * (METHOD.md section 2; DDIM eq. 16).
     */
    public double sigma(int k, double eta) {
        if (!(eta >= 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be finite and >= 0, got " + eta);
        }
        double a = alphaBar(k);
        double ap = alphaBarPrev(k);
        return eta * Math.sqrt((1 - ap) / (1 - a)) * Math.sqrt(1 - a / ap);
    }

    /**
     * The step a chain of this strength starts at: 0 for strength 1 (pure noise, all K steps, METHOD), else the
     * first {@code round((1 - strength) K)} steps are skipped (SDEdit-style starts, <b>[here]</b>), leaving at
     * least the last step.
     *
     * @param strength in (0, 1]
     */
    public int firstStepAt(double strength) {
        return firstStep(count(), strength);
    }

    /** {@link #firstStepAt} of a chain of {@code k} steps. */
    public static int firstStep(int k, double strength) {
        if (!(strength > 0 && strength <= 1)) {
            throw new IllegalArgumentException("chain strength must be in (0, 1], got " + strength);
        }
        return Math.min(k - 1, (int) Math.round((1 - strength) * k));
    }

    /**
     * Steps {@code first .. K-1} as a chain of their own (its step 0 is this one's step {@code first}), with the
     * same timesteps and cumulative products: what a chain that starts part-way runs.
     */
    public DdimTimesteps from(int first) {
        check(first);
        return new DdimTimesteps(Arrays.copyOfRange(timesteps, first, timesteps.length),
                Arrays.copyOfRange(alphaBar, first, alphaBar.length),
                Arrays.copyOfRange(alphaBarPrev, first, alphaBarPrev.length));
    }

    private int check(int k) {
        if (k < 0 || k >= timesteps.length) {
            throw new IllegalArgumentException("step index " + k + " outside [0, " + timesteps.length + ")");
        }
        return k;
    }
}

package org.lrpo.core.diffusion;

import org.lrpo.core.config.ScheduleSettings;

/**
 * The forward-process noise schedule of METHOD.md section 1, in double precision.
 *
 * <table>
 *   <caption>Notation</caption>
 *   <tr><th>here</th><th>METHOD.md</th><th>meaning</th></tr>
 *   <tr><td>{@code steps()}</td><td>T</td><td>number of training timesteps (1000)</td></tr>
 *   <tr><td>{@code beta(t)}</td><td>beta_t</td><td>noise variance added at step t</td></tr>
 *   <tr><td>{@code alphaBar(t)}</td><td>abar_t</td><td>prod_{s &lt;= t} (1 - beta_s)</td></tr>
 * </table>
 *
 * <p>Timesteps are 0-based as in diffusers: {@code alphaBar(0) = 1 - beta(0)} is the cleanest level
 * ("abar_0", METHOD.md section 2) and {@code alphaBar(T-1)} the noisiest.
 */
public final class NoiseSchedule {
    /** Stable Diffusion's training schedule: T = 1000, beta from 0.00085 to 0.012, "scaled linear". */
    public static final int SD_STEPS = 1000;
    public static final double SD_BETA_START = 0.00085;
    public static final double SD_BETA_END = 0.012;

    private final double[] betas;
    private final double[] alphaBars;

    private NoiseSchedule(double[] betas) {
        this.betas = betas;
        this.alphaBars = new double[betas.length];
        double product = 1.0;
        for (int t = 0; t < betas.length; t++) {
            product *= 1.0 - betas[t];
            alphaBars[t] = product;
        }
    }

    /**
     * "Scaled linear" betas: {@code beta_t = (linspace(sqrt(betaStart), sqrt(betaEnd), T)[t])^2}.
     *
     * @throws IllegalArgumentException if {@code T < 2} or not {@code 0 < betaStart < betaEnd < 1}
     */
    /** The schedule {@code lrpo.schedule} configures. */
    public static NoiseSchedule of(ScheduleSettings s) {
        return scaledLinear(s.trainTimesteps(), s.betaStart(), s.betaEnd());
    }

    public static NoiseSchedule scaledLinear(int steps, double betaStart, double betaEnd) {
        if (steps < 2) {
            throw new IllegalArgumentException("schedule steps T must be at least 2, got " + steps);
        }
        if (!(betaStart > 0 && betaStart < betaEnd && betaEnd < 1)) {
            throw new IllegalArgumentException("need 0 < betaStart < betaEnd < 1, got betaStart=" + betaStart
                    + ", betaEnd=" + betaEnd);
        }
        double lo = Math.sqrt(betaStart);
        double hi = Math.sqrt(betaEnd);
        double[] betas = new double[steps];
        for (int t = 0; t < steps; t++) {
            double s = lo + (hi - lo) * t / (steps - 1);
            betas[t] = s * s;
        }
        return new NoiseSchedule(betas);
    }

    /** The paper's schedule (Stable Diffusion 2.1): T = 1000, scaled linear 0.00085 .. 0.012. */
    public static NoiseSchedule stableDiffusion() {
        return scaledLinear(SD_STEPS, SD_BETA_START, SD_BETA_END);
    }

    /** T. */
    public int steps() {
        return betas.length;
    }

    /** beta_t, t in [0, T). */
    public double beta(int t) {
        return betas[check(t)];
    }

    /** abar_t, t in [0, T). */
    public double alphaBar(int t) {
        return alphaBars[check(t)];
    }

    /**
     * The K DDIM timesteps of METHOD.md section 2 with diffusers' DDIMScheduler rule
     * ({@code timestep_spacing="leading"}, {@code steps_offset=1}, {@code set_alpha_to_one=False}):
     * stride {@code r = T / K} (integer division), {@code tau_k = (K - 1 - k) * r + 1}, previous timestep
     * {@code tau_k - r}, whose abar is replaced by {@code abar_0} when it falls below 0. For T = 1000 and
     * K = 50: 981, 961, ..., 1.
     */
    public DdimTimesteps ddim(int k) {
        return DdimTimesteps.of(this, k);
    }

    private int check(int t) {
        if (t < 0 || t >= betas.length) {
            throw new IllegalArgumentException("timestep " + t + " outside [0, " + betas.length + ")");
        }
        return t;
    }
}

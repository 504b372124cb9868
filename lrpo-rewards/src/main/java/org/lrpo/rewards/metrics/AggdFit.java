package org.lrpo.rewards.metrics;

/**
 * Moment-matching fit of an asymmetric generalised Gaussian distribution (AGGD; Lasmar, Stitou, Berthoumieu
 * 2009), as NIQE/BRISQUE use it (Mittal, Soundararajan, Bovik 2013, eq. 7; MATLAB {@code estimateaggdparam.m}):
 * <pre>
 *   f(x) = alpha / ((beta_l + beta_r) Gamma(1/alpha)) * exp(-(-x / beta_l)^alpha)   for x < 0
 *        = alpha / ((beta_l + beta_r) Gamma(1/alpha)) * exp(-( x / beta_r)^alpha)   for x >= 0
 * </pre>
 * Estimation: {@code sigma_l = sqrt(mean(x^2 | x < 0))}, {@code sigma_r = sqrt(mean(x^2 | x > 0))},
 * {@code gamma_hat = sigma_l / sigma_r}, {@code r_hat = mean|x|^2 / mean(x^2)},
 * {@code R_hat = r_hat (gamma_hat^3 + 1)(gamma_hat + 1) / (gamma_hat^2 + 1)^2}; alpha is the point of the grid
 * 0.2, 0.201, ..., 10 minimising {@code (rho(alpha) - R_hat)^2} with
 * {@code rho(a) = Gamma(2/a)^2 / (Gamma(1/a) Gamma(3/a))}; then
 * {@code beta_{l,r} = sigma_{l,r} sqrt(Gamma(1/alpha) / Gamma(3/alpha))}.
 * A sample with no negative (or no positive) value gives NaN betas, as in the reference.
 *
 * @param alpha     shape
 * @param betaLeft  scale of the negative side
 * @param betaRight scale of the positive side
 */
public record AggdFit(double alpha, double betaLeft, double betaRight) {
    private static final double GRID_START = 0.2;
    private static final double GRID_STEP = 0.001;
    private static final int GRID_SIZE = 9801; // 0.2 .. 10.0 inclusive
    private static final double[] RHO = rhoTable();

    private static double[] rhoTable() {
        double[] r = new double[GRID_SIZE];
        for (int i = 0; i < GRID_SIZE; i++) {
            r[i] = rho(alpha(i));
        }
        return r;
    }

    private static double alpha(int i) {
        return GRID_START + i * GRID_STEP;
    }

    static double rho(double a) {
        return Math.exp(2 * LogGamma.of(2 / a) - LogGamma.of(1 / a) - LogGamma.of(3 / a));
    }

    /** Fits the first {@code n} values of {@code v}. */
    public static AggdFit fit(double[] v, int n) {
        if (n <= 0 || n > v.length) {
            throw new IllegalArgumentException("AGGD fit: n must be in 1.." + v.length + ", got " + n);
        }
        double sumL = 0;
        double sumR = 0;
        int nL = 0;
        int nR = 0;
        double sumAbs = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double x = v[i];
            double sq = x * x;
            if (x < 0) {
                sumL += sq;
                nL++;
            } else if (x > 0) {
                sumR += sq;
                nR++;
            }
            sumAbs += Math.abs(x);
            sumSq += sq;
        }
        double sigmaL = Math.sqrt(sumL / nL); // NaN if nL == 0, as numpy's mean of an empty array
        double sigmaR = Math.sqrt(sumR / nR);
        double gammaHat = sigmaL / sigmaR;
        double meanAbs = sumAbs / n;
        double rHat = meanAbs * meanAbs / (sumSq / n);
        double g2 = gammaHat * gammaHat;
        double rHatNorm = rHat * (g2 * gammaHat + 1) * (gammaHat + 1) / ((g2 + 1) * (g2 + 1));
        int best = 0;
        if (Double.isNaN(rHatNorm)) {
            return new AggdFit(GRID_START, Double.NaN, Double.NaN);
        }
        double bestErr = Double.POSITIVE_INFINITY;
        for (int i = 0; i < GRID_SIZE; i++) {
            double d = RHO[i] - rHatNorm;
            double e = d * d;
            if (e < bestErr) { // first minimum, like numpy.argmin / MATLAB min
                bestErr = e;
                best = i;
            }
        }
        double a = alpha(best);
        double k = Math.sqrt(Math.exp(LogGamma.of(1 / a) - LogGamma.of(3 / a)));
        return new AggdFit(a, sigmaL * k, sigmaR * k);
    }

    /** The AGGD mean, {@code (beta_r - beta_l) Gamma(2/alpha) / Gamma(1/alpha)} (NIQE eq. 8). */
    public double mean() {
        return (betaRight - betaLeft) * Math.exp(LogGamma.of(2 / alpha) - LogGamma.of(1 / alpha));
    }
}

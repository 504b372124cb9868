package org.lrpo.core.lrpo;

import ai.djl.ndarray.NDArray;
import org.lrpo.core.engine.ScopedScalars;

/**
 * The per-element mean Gaussian log-density of METHOD section 2, per sample:
 *
 * <pre>
 *   logN_mean(x; mu, sigma^2 I) = (1/D) sum_d [ -(x_d - mu_d)^2 / (2 sigma^2) - ln sigma - 0.5 ln(2 pi) ]
 * </pre>
 */
public final class GaussianLogDensity {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private GaussianLogDensity() {}

    /**
     * @param x values, shape [B, ...]
     * @param mu means, same shape
     * @param sigma the standard deviation shared by every element (> 0)
     * @return shape [B]
     */
    public static NDArray meanOverElements(NDArray x, NDArray mu, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be > 0 for a log-density, got " + sigma);
        }
        if (!x.getShape().equals(mu.getShape())) {
            throw new IllegalArgumentException("x " + x.getShape() + " and mu " + mu.getShape() + " differ in shape");
        }
        NDArray diff = x.sub(mu);
        NDArray perElement = ScopedScalars.div(diff.mul(diff), -2.0 * sigma * sigma)
                .sub(Math.log(sigma) + HALF_LOG_TWO_PI);
        // DJL's PyTorch mean reduces one axis at a time: flatten each sample first.
        return perElement.reshape(x.getShape().get(0), -1).mean(new int[] {1});
    }
}

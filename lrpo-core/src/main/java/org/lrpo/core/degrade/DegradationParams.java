package org.lrpo.core.degrade;

/**
 * Everything that was drawn for one degraded image; {@link Degradation#applyWith} with these values
 * reproduces the LQ image exactly. Symbols of METHOD section 8:
 *
 * @param kernelSize  width of the blur kernel {@code k_sigma} in pixels (odd)
 * @param isotropic   whether the kernel is isotropic ({@code sigmaX == sigmaY}, {@code theta == 0})
 * @param sigmaX      blur sigma along the kernel's first axis, pixels
 * @param sigmaY      blur sigma along the kernel's second axis, pixels
 * @param theta       rotation of the kernel's axes, radians in [-pi, pi]
 * @param downscale   the factor {@code r}: the image is resized to {@code round(size / r)} (at least 1)
 * @param noiseSigma  standard deviation of the Gaussian noise {@code n_delta} on the [0, 1] scale
 *                    (the drawn 8-bit level divided by 255)
 * @param noiseSeed   seed of the noise field (a {@code SplittableRandom}), so the noise can be replayed
 * @param jpegQuality IJG quality {@code q} of the JPEG step, 1..100
 */
public record DegradationParams(int kernelSize, boolean isotropic, double sigmaX, double sigmaY, double theta,
        double downscale, double noiseSigma, long noiseSeed, int jpegQuality) {

    public DegradationParams {
        if (kernelSize < 1 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("kernelSize must be odd and positive, got " + kernelSize);
        }
        if (!(sigmaX > 0) || !(sigmaY > 0) || Double.isInfinite(sigmaX) || Double.isInfinite(sigmaY)) {
            throw new IllegalArgumentException("blur sigmas must be positive and finite, got " + sigmaX + ", " + sigmaY);
        }
        if (isotropic && (sigmaX != sigmaY || theta != 0.0)) {
            throw new IllegalArgumentException("an isotropic kernel needs sigmaX == sigmaY and theta == 0, got "
                    + sigmaX + ", " + sigmaY + ", " + theta);
        }
        if (!(Math.abs(theta) <= Math.PI)) {
            throw new IllegalArgumentException("theta must be in [-pi, pi], got " + theta);
        }
        if (!(downscale > 0) || Double.isInfinite(downscale)) {
            throw new IllegalArgumentException("downscale must be positive and finite, got " + downscale);
        }
        if (!(noiseSigma >= 0) || Double.isInfinite(noiseSigma)) {
            throw new IllegalArgumentException("noiseSigma must be non-negative and finite, got " + noiseSigma);
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpegQuality must be in 1..100, got " + jpegQuality);
        }
    }

    /** The size {@code round(n / r)}, at least 1, that a side of {@code n} pixels is resized to. */
    public int lowSize(int n) {
        return (int) Math.max(1, Math.round(n / downscale));
    }
}

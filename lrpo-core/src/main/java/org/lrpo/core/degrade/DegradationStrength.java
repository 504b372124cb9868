package org.lrpo.core.degrade;

import java.util.Objects;

/**
 * How hard a degradation was, as one of three named bins for evaluation tables: {@code mild}, {@code moderate},
 * {@code severe}. The bin comes from one scalar, the severity {@code S} of the recorded {@link DegradationParams}
 * (every {@link Degraded} carries them):
 *
 * <pre>
 *   sigma_b = sqrt((sigmaX^2 + sigmaY^2) / 2)                         blur, pixels of the image
 *   r_eff   = 1 + sqrt((2 sigma_b)^2 + (max(r, 1) - 1)^2)             effective down-sampling factor
 *   S       = log2(r_eff) + delta / 10 + (100 - q) / 50               delta: noise sigma in 8-bit levels
 * </pre>
 *
 * <ul>
 *   <li>{@code sigma_b}: the isotropic Gaussian with the same total variance as the (possibly anisotropic) kernel.
 *   <li>{@code r_eff}: blur and down-sampling both remove detail. Down-sampling by {@code r} goes with an
 *       anti-aliasing blur of sigma {@code (r - 1) / 2} (scikit-image's {@code rescale} default), so a blur of
 *       sigma {@code s} counts as a down-sampling by {@code 1 + 2 s}; the two add as Gaussian variances. An
 *       enlargement ({@code r < 1}, GFPGAN's range starts at 0.8) loses nothing and counts as {@code r = 1}.
 *       The blur sigma is in pixels of the image it was applied to and {@code r} is relative, so {@code r_eff}
 *       is a fraction of the face whatever the resolution (the presets scale sigma with the resolution).
 *   <li>Units of {@code S}: one unit is a halving of the detail, 10 levels of noise, or 50 JPEG quality points.
 *       The weights are a convention, not a perceptual calibration; 0 is no degradation (r = 1, no blur, no
 *       noise, q = 100).
 * </ul>
 *
 * <p>Bins: {@code mild} for {@code S < 2} (less than the loss of a 4x down-sampling), {@code moderate} for
 * {@code 2 <= S < 3}, {@code severe} for {@code S >= 3} (at least an 8x down-sampling's worth: a 32-pixel face
 * kept 4 pixels across). At 32 pixels, {@link DegradationPreset#LIGHT} draws fall about 31% / 59% / 10% into
 * the three bins, {@link DegradationPreset#DIFFBIR} draws about 3% / 14% / 83%.
 */
public enum DegradationStrength {
    MILD("mild"),
    MODERATE("moderate"),
    SEVERE("severe");

    /** Severities from this value up (inclusive) are at least {@link #MODERATE}. */
    public static final double MODERATE_FROM = 2.0;
    /** Severities from this value up (inclusive) are {@link #SEVERE}. */
    public static final double SEVERE_FROM = 3.0;

    private final String label;

    DegradationStrength(String label) {
        this.label = label;
    }

    /** The bin's name in tables: {@code mild}, {@code moderate} or {@code severe}. */
    public String label() {
        return label;
    }

    /** The bin of a recorded degradation. */
    public static DegradationStrength of(DegradationParams params) {
        return ofSeverity(severity(params));
    }

    /** The bin of a severity: {@code [0, 2)} mild, {@code [2, 3)} moderate, {@code [3, inf)} severe. */
    public static DegradationStrength ofSeverity(double severity) {
        if (!(severity >= 0.0)) {
            throw new IllegalArgumentException("severity must be a non-negative number, got " + severity);
        }
        if (severity < MODERATE_FROM) {
            return MILD;
        }
        return severity < SEVERE_FROM ? MODERATE : SEVERE;
    }

    /** The severity {@code S = log2(r_eff) + delta / 10 + (100 - q) / 50} of {@code params} (see the class). */
    public static double severity(DegradationParams params) {
        double noiseLevels = params.noiseSigma() * 255.0;
        return Math.log(effectiveDownscale(params)) / Math.log(2.0) + noiseLevels / 10.0
                + (100 - params.jpegQuality()) / 50.0;
    }

    /** {@code r_eff = 1 + sqrt((2 sigma_b)^2 + (max(r, 1) - 1)^2)}, the blur and the down-sampling together. */
    public static double effectiveDownscale(DegradationParams params) {
        Objects.requireNonNull(params, "params");
        double sigmaB = Math.sqrt((params.sigmaX() * params.sigmaX() + params.sigmaY() * params.sigmaY()) / 2.0);
        double shrink = Math.max(params.downscale(), 1.0) - 1.0;
        return 1.0 + Math.hypot(2.0 * sigmaB, shrink);
    }
}

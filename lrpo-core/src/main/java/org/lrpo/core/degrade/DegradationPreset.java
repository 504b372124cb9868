package org.lrpo.core.degrade;

/**
 * Parameter ranges of METHOD section 8, as published for 512 x 512 faces ({@link #DIFFBIR}, {@link #GFPGAN}),
 * and a milder set of ours for small faces ({@link #LIGHT}).
 *
 * <p>Continuous ranges are drawn uniformly from {@code [min, max)}; JPEG qualities uniformly from the
 * integers {@code jpegMin .. jpegMax} (both inclusive: [30, 100) is 30..99, [60, 100] is 60..100).
 * Blur sigmas are in pixels of a 512-pixel image and the kernel is 41 pixels wide there; for other
 * resolutions see {@link #atResolution(int)}. The noise sigma is in 8-bit levels (divided by 255 when
 * applied to [0, 1] images). The down-sampling factor {@code r} is relative to the image size.
 */
public enum DegradationPreset {
    /** DiffBIR / CodeFormer: kernel 41, sigma [0.1, 12], r [1, 12], noise [0, 15], JPEG [30, 100). */
    DIFFBIR(41, 0.1, 12.0, 1.0, 12.0, 0.0, 15.0, 30, 99),
    /** GFPGAN / VQFR: kernel 41, sigma [0.1, 10], r [0.8, 8], noise [0, 20], JPEG [60, 100]. */
    GFPGAN(41, 0.1, 10.0, 0.8, 8.0, 0.0, 20.0, 60, 100),
    /**
     * Ours, for small faces ({@code light} in config): kernel 41, sigma [0.1, 10], r [1, 4], noise [0, 10],
     * JPEG [60, 100]. The factor {@code r} does not scale with the resolution, so the published ranges are far
     * harsher on the 32..64-pixel faces this project trains on than on the 512-pixel faces they were set for:
     * {@link #DIFFBIR}'s r up to 12 shrinks a 32-pixel face to {@code 32 / 12 = 2.7} pixels (3 after rounding),
     * {@link #GFPGAN}'s r up to 8 to 4 pixels: too few to restore a face from. With r at most 4 a 32-pixel face
     * keeps at least 8 pixels across (16 at 64). The noise tops out at 10 levels, half of GFPGAN's (an 8-bit
     * level does not shrink with the face), and JPEG keeps GFPGAN's gentler [60, 100]. Blur has GFPGAN's range
     * and scales with the resolution like the others' (sigma up to 0.625 pixels at 32, kernel 3).
     */
    LIGHT(41, 0.1, 10.0, 1.0, 4.0, 0.0, 10.0, 60, 100);

    /** The resolution the published ranges are for. */
    public static final int REFERENCE_RESOLUTION = 512;
    /** Probability of an isotropic kernel (otherwise anisotropic with a random rotation). */
    public static final double ISOTROPIC_PROBABILITY = 0.5;

    private final int kernelSize;
    private final double sigmaMin;
    private final double sigmaMax;
    private final double scaleMin;
    private final double scaleMax;
    private final double noiseMin;
    private final double noiseMax;
    private final int jpegMin;
    private final int jpegMax;

    DegradationPreset(int kernelSize, double sigmaMin, double sigmaMax, double scaleMin, double scaleMax,
            double noiseMin, double noiseMax, int jpegMin, int jpegMax) {
        this.kernelSize = kernelSize;
        this.sigmaMin = sigmaMin;
        this.sigmaMax = sigmaMax;
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.noiseMin = noiseMin;
        this.noiseMax = noiseMax;
        this.jpegMin = jpegMin;
        this.jpegMax = jpegMax;
    }

    /**
     * The ranges for images whose shorter side is {@code resolution} pixels. Blur is a length in pixels,
     * so it scales with the image: with {@code s = resolution / 512}, the sigma range becomes
     * {@code [s sigmaMin, s sigmaMax]} and the kernel size the odd integer nearest to {@code 41 s}
     * (at least 3), so the kernel keeps covering the same fraction of the face (+-1.7 sigma at the top of
     * the range, as at 512). The factor {@code r}, the noise and the JPEG quality do not depend on size.
     * At 64 pixels: kernel 5, sigma [0.0125, 1.5] (DIFFBIR) or [0.0125, 1.25] (GFPGAN, LIGHT).
     */
    public Ranges atResolution(int resolution) {
        if (resolution < 1) {
            throw new IllegalArgumentException("resolution must be positive, got " + resolution);
        }
        double s = (double) resolution / REFERENCE_RESOLUTION;
        int size = Math.max(3, 2 * (int) Math.round((kernelSize * s - 1.0) / 2.0) + 1);
        return new Ranges(size, sigmaMin * s, sigmaMax * s, scaleMin, scaleMax, noiseMin, noiseMax, jpegMin, jpegMax);
    }

    /** The ranges at one resolution; see {@link DegradationPreset}. */
    public record Ranges(int kernelSize, double sigmaMin, double sigmaMax, double scaleMin, double scaleMax,
            double noiseMin, double noiseMax, int jpegMin, int jpegMax) {}
}

package org.lrpo.core.degrade;

import java.util.Objects;
import java.util.SplittableRandom;
import org.lrpo.core.image.ImageCodec;
import org.lrpo.core.image.ImageDecodeException;
import org.lrpo.core.image.Resizer;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.random.Seeds;

/**
 * The synthetic degradation of METHOD section 8, which makes a training pair from a high-quality face:
 *
 * <pre>  lq = resize_back( JPEG_q( downsample_r( hq * k_sigma ) + n_delta ) )</pre>
 *
 * <ol>
 *   <li>{@code hq * k_sigma}: Gaussian blur, isotropic or anisotropic with probability 1/2 each
 *       ({@link GaussianBlur});
 *   <li>{@code downsample_r}: bilinear resize by {@code 1/r} (antialiased when shrinking, {@link Resizer});
 *   <li>{@code + n_delta}: independent Gaussian noise per value with sigma {@code delta / 255}, then clipped
 *       to [0, 1];
 *   <li>{@code JPEG_q}: a real JPEG encode (JDK encoder, IJG quality {@code q}, 4:2:0) and decode;
 *   <li>{@code resize_back}: bilinear resize to the HQ size.
 * </ol>
 *
 * <p>Parameters are drawn from the preset's ranges at the image's resolution
 * ({@link DegradationPreset#atResolution}, using the shorter side) from the stream
 * {@code Seeds.stream(seed, "degradation", idCoordinate(imageId), round)}, in this order: isotropic?,
 * sigma (or sigmaX, sigmaY, theta), r, noise level, JPEG quality. The noise field has its own stream,
 * {@code Seeds.derive(seed, "degradation-noise", idCoordinate(imageId), round)}, whose seed is recorded.
 * Same key, same image: the same LQ image to the bit, on any machine.
 *
 * <p>Stateless and thread-safe.
 */
public final class Degradation {
    private Degradation() {}

    /** Degrades {@code hq} with parameters drawn for {@code (seed, imageId, round)}. */
    public static Degraded apply(RgbImage hq, DegradationPreset preset, long seed, String imageId, long round) {
        Objects.requireNonNull(hq, "hq");
        DegradationParams params = draw(preset, Math.min(hq.width(), hq.height()), seed, imageId, round);
        return new Degraded(applyWith(hq, params), params);
    }

    /** The parameters {@link #apply} uses for an image whose shorter side is {@code resolution}. */
    public static DegradationParams draw(DegradationPreset preset, int resolution, long seed, String imageId,
            long round) {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(imageId, "imageId");
        DegradationPreset.Ranges r = preset.atResolution(resolution);
        long id = Seeds.idCoordinate(imageId);
        SplittableRandom rnd = Seeds.stream(seed, "degradation", id, round);
        boolean isotropic = rnd.nextDouble() < DegradationPreset.ISOTROPIC_PROBABILITY;
        double sigmaX;
        double sigmaY;
        double theta;
        if (isotropic) {
            sigmaX = uniform(rnd, r.sigmaMin(), r.sigmaMax());
            sigmaY = sigmaX;
            theta = 0.0;
        } else {
            sigmaX = uniform(rnd, r.sigmaMin(), r.sigmaMax());
            sigmaY = uniform(rnd, r.sigmaMin(), r.sigmaMax());
            theta = uniform(rnd, -Math.PI, Math.PI);
        }
        double downscale = uniform(rnd, r.scaleMin(), r.scaleMax());
        double noise = uniform(rnd, r.noiseMin(), r.noiseMax()) / 255.0;
        int quality = rnd.nextInt(r.jpegMin(), r.jpegMax() + 1);
        long noiseSeed = Seeds.derive(seed, "degradation-noise", id, round);
        return new DegradationParams(r.kernelSize(), isotropic, sigmaX, sigmaY, theta, downscale, noise, noiseSeed,
                quality);
    }

    /** Degrades {@code hq} with exactly {@code params} (a recorded draw, or a hand-picked one). */
    public static RgbImage applyWith(RgbImage hq, DegradationParams params) {
        Objects.requireNonNull(hq, "hq");
        Objects.requireNonNull(params, "params");
        RgbImage blurred = GaussianBlur.apply(hq, params.kernelSize(), params.sigmaX(), params.sigmaY(),
                params.theta());
        RgbImage small = Resizer.resize(blurred, params.lowSize(hq.width()), params.lowSize(hq.height()),
                Resizer.Filter.BILINEAR);
        RgbImage noisy = addNoise(small, params.noiseSigma(), params.noiseSeed());
        RgbImage jpeg = jpegRoundTrip(noisy, params.jpegQuality());
        return Resizer.resize(jpeg, hq.width(), hq.height(), Resizer.Filter.BILINEAR);
    }

    private static double uniform(SplittableRandom rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    private static RgbImage addNoise(RgbImage image, double sigma, long noiseSeed) {
        float[] in = image.chw();
        float[] out = new float[in.length];
        SplittableRandom rnd = new SplittableRandom(noiseSeed);
        for (int i = 0; i < in.length; i++) {
            // Draw even when sigma is 0, so the noise field never depends on the level.
            double v = in[i] + sigma * rnd.nextGaussian();
            out[i] = (float) Math.min(1.0, Math.max(0.0, v));
        }
        return RgbImage.wrap(image.width(), image.height(), out);
    }

    private static RgbImage jpegRoundTrip(RgbImage image, int quality) {
        byte[] bytes = ImageCodec.encodeJpeg(image, quality);
        try {
            return ImageCodec.defaults().decode(bytes, "degradation JPEG step (q=" + quality + ")");
        } catch (ImageDecodeException e) {
            throw new IllegalStateException("the JDK could not decode a JPEG it had just written", e);
        }
    }
}

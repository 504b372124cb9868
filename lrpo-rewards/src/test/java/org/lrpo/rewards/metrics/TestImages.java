package org.lrpo.rewards.metrics;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.random.Seeds;

/** Deterministic test images and their PNG round trip (8-bit, so Java and Python see the same values). */
final class TestImages {
    static final long SEED = 20261126L;

    private TestImages() {}

    /** A drawn scene: colour gradients, two discs, a sinusoidal texture and fine seeded grain. */
    static RgbImage scene(int width, int height, long id) {
        SplittableRandom rnd = Seeds.stream(SEED, "metrics-test-scene", id);
        double cx1 = width * (0.3 + 0.2 * rnd.nextDouble());
        double cy1 = height * (0.3 + 0.2 * rnd.nextDouble());
        double r1 = Math.min(width, height) * 0.22;
        double cx2 = width * 0.7;
        double cy2 = height * 0.65;
        double r2 = Math.min(width, height) * 0.15;
        double freq = 0.2 + 0.3 * rnd.nextDouble();
        float[] v = new float[3 * width * height];
        int n = width * height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (double) x / width;
                double w = (double) y / height;
                double[] rgb = {0.2 + 0.6 * u, 0.3 + 0.4 * w, 0.5 + 0.3 * Math.sin(3 * u + 2 * w)};
                if (sq(x - cx1) + sq(y - cy1) < r1 * r1) {
                    rgb = new double[] {0.85, 0.6, 0.5};
                }
                if (sq(x - cx2) + sq(y - cy2) < r2 * r2) {
                    double s = 0.5 + 0.4 * Math.sin(freq * (x + 0.5 * y));
                    rgb = new double[] {0.2 * s, 0.3 + 0.5 * s, 0.9 * s};
                }
                for (int c = 0; c < 3; c++) {
                    v[c * n + y * width + x] = (float) (rgb[c] + 0.03 * rnd.nextGaussian());
                }
            }
        }
        return quantise(RgbImage.wrap(width, height, v));
    }

    /** {@code image} plus N(0, sigma^2) noise drawn from the stream named by {@code id}, clipped and quantised. */
    static RgbImage noisy(RgbImage image, double sigma, long id) {
        SplittableRandom rnd = Seeds.stream(SEED, "metrics-test-noise", id);
        float[] src = image.chw();
        float[] v = new float[src.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (src[i] + sigma * rnd.nextGaussian());
        }
        return quantise(RgbImage.wrap(image.width(), image.height(), v));
    }

    /** Separable (2r+1)-box blur with edge clamping, quantised. */
    static RgbImage blurred(RgbImage image, int r) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        float[] src = image.chw();
        float[] tmp = new float[src.length];
        float[] out = new float[src.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int k = -r; k <= r; k++) {
                        s += src[c * n + y * w + Math.min(Math.max(x + k, 0), w - 1)];
                    }
                    tmp[c * n + y * w + x] = (float) (s / (2 * r + 1));
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int k = -r; k <= r; k++) {
                        s += tmp[c * n + Math.min(Math.max(y + k, 0), h - 1) * w + x];
                    }
                    out[c * n + y * w + x] = (float) (s / (2 * r + 1));
                }
            }
        }
        return quantise(RgbImage.wrap(w, h, out));
    }

    /** A colour cast {@code a_c * v + b_c} per channel, the case VQFR's correction is meant for. */
    static RgbImage colourCast(RgbImage image) {
        double[] a = {0.85, 1.1, 0.9};
        double[] b = {0.08, -0.03, 0.05};
        int n = image.width() * image.height();
        float[] src = image.chw();
        float[] v = new float[src.length];
        for (int i = 0; i < v.length; i++) {
            int c = i / n;
            v[i] = (float) (a[c] * src[i] + b[c]);
        }
        return quantise(RgbImage.wrap(image.width(), image.height(), v));
    }

    static RgbImage crop(RgbImage image, int x0, int y0, int width, int height) {
        float[] v = new float[3 * width * height];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    v[(c * height + y) * width + x] = image.get(c, y0 + y, x0 + x);
                }
            }
        }
        return RgbImage.wrap(width, height, v);
    }

    /** Clips to [0, 1] and rounds to k / 255, the values an 8-bit PNG holds. */
    static RgbImage quantise(RgbImage image) {
        float[] src = image.chw();
        float[] v = new float[src.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (Math.round(Math.min(1.0, Math.max(0.0, src[i])) * 255.0) / 255.0);
        }
        return RgbImage.wrap(image.width(), image.height(), v);
    }

    static void writePng(RgbImage image, Path path) throws IOException {
        int w = image.width();
        int h = image.height();
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (int) Math.round(image.get(0, y, x) * 255.0);
                int g = (int) Math.round(image.get(1, y, x) * 255.0);
                int b = (int) Math.round(image.get(2, y, x) * 255.0);
                bi.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        if (!ImageIO.write(bi, "png", path.toFile())) {
            throw new IOException("no PNG writer for " + path);
        }
    }

    static RgbImage readPng(Path path) throws IOException {
        BufferedImage bi = ImageIO.read(path.toFile());
        if (bi == null) {
            throw new IOException("not an image: " + path);
        }
        int w = bi.getWidth();
        int h = bi.getHeight();
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = bi.getRGB(x, y);
                v[y * w + x] = ((rgb >> 16) & 0xFF) / 255f;
                v[w * h + y * w + x] = ((rgb >> 8) & 0xFF) / 255f;
                v[2 * w * h + y * w + x] = (rgb & 0xFF) / 255f;
            }
        }
        return RgbImage.wrap(w, h, v);
    }

    private static double sq(double d) {
        return d * d;
    }
}

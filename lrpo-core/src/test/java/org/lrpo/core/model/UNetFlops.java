package org.lrpo.core.model;

/**
 * Floating-point operations of one no-grad forward pass of {@link ControlledUNet}, counted analytically
 * from {@link PolicyConfig} by walking the same architecture rules as {@link UNetEncoder},
 * {@link UNetDecoder} and {@link ControlBranch}.
 *
 * <p>Only the convolutions and linear layers are counted, as 2 x multiply-adds: a convolution producing
 * {@code Cout x H x W} from {@code Cin} channels with a {@code k x k} kernel costs {@code 2 Cin Cout k^2 H W}
 * per sample, a linear layer {@code 2 in out}. Bias adds, GroupNorm, SiLU, additions, concatenations and
 * upsampling are left out: they are memory-bound and a few percent of the total, and leaving them out makes
 * the figure comparable with a matrix multiply's {@code 2 n^3}. A training step (forward + backward) is
 * conventionally three times the forward count (backward = gradient w.r.t. inputs + w.r.t. weights).
 * The PyTorch port counts the same quantity with forward hooks on the shapes it actually sees; the
 * benchmark checks the two agree.
 */
final class UNetFlops {
    private UNetFlops() {}

    /** FLOPs of one forward pass at batch {@code batch}, with the control branch. */
    static long forward(PolicyConfig c, int batch) {
        long perSample = timeEmbedding(c) + encoder(c, c.imageChannels()) + decoder(c)
                + timeEmbedding(c) + encoder(c, 2 * c.imageChannels()) + zeroConvs(c);
        return perSample * batch;
    }

    private static long conv(long cin, long cout, int k, long size) {
        return 2L * cin * cout * k * k * size * size;
    }

    private static long linear(long in, long out) {
        return 2L * in * out;
    }

    private static long resBlock(PolicyConfig c, int cin, int cout, int size) {
        long f = conv(cin, cout, 3, size) + linear(c.timeEmbeddingDim(), cout) + conv(cout, cout, 3, size);
        return cin == cout ? f : f + conv(cin, cout, 1, size);
    }

    private static long timeEmbedding(PolicyConfig c) {
        return 2 * linear(c.timeEmbeddingDim(), c.timeEmbeddingDim());
    }

    private static long encoder(PolicyConfig c, int inChannels) {
        int size = c.resolution();
        int ch = c.baseChannels();
        long f = conv(inChannels, ch, 3, size);
        for (int level = 0; level < c.levels(); level++) {
            int out = c.channelsAt(level);
            for (int r = 0; r < c.resBlocksPerLevel(); r++) {
                f += resBlock(c, ch, out, size);
                ch = out;
            }
            if (level < c.levels() - 1) {
                size /= 2;
                f += conv(ch, ch, 3, size);
            }
        }
        return f + 2 * resBlock(c, ch, ch, size);
    }

    /** One 1x1 convolution per encoder output, at that output's width and resolution. */
    private static long zeroConvs(PolicyConfig c) {
        int size = c.resolution();
        long f = conv(c.baseChannels(), c.baseChannels(), 1, size);
        for (int level = 0; level < c.levels(); level++) {
            int ch = c.channelsAt(level);
            f += c.resBlocksPerLevel() * conv(ch, ch, 1, size);
            if (level < c.levels() - 1) {
                size /= 2;
                f += conv(ch, ch, 1, size);
            }
        }
        int top = c.channelsAt(c.levels() - 1);
        return f + conv(top, top, 1, size);
    }

    private static long decoder(PolicyConfig c) {
        int[] skips = UNetEncoder.outputChannels(c);
        int next = skips.length - 2;
        int size = c.resolution() >> (c.levels() - 1);
        int ch = c.channelsAt(c.levels() - 1);
        long f = 0;
        for (int level = c.levels() - 1; level >= 0; level--) {
            int out = c.channelsAt(level);
            for (int r = 0; r <= c.resBlocksPerLevel(); r++) {
                f += resBlock(c, ch + skips[next--], out, size);
                ch = out;
            }
            if (level > 0) {
                size *= 2;
                f += conv(ch, ch, 3, size);
            }
        }
        return f + conv(ch, c.imageChannels(), 3, size);
    }
}

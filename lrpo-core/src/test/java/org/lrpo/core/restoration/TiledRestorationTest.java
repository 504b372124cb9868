package org.lrpo.core.restoration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ModelSpace;
import org.lrpo.core.model.NoGrad;
import org.lrpo.core.model.RestorationConfig;
import org.lrpo.core.model.RestorationNet;

/**
 * Whole images are restored tile by tile with no seam: every pixel equals the untiled pass, within 1e-4
 * (the bound), for a network far from the identity. A halo below the receptive radius must not
 * pass, or the comparison proves nothing.
 */
class TiledRestorationTest {
    private static final double TOLERANCE = 1e-4;

    @BeforeAll
    static void start() {
        TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);
    }

    /** Two blocks: receptive radius 2 + 2 * 2 = 6 pixels. */
    private static RestorationNet randomNet() {
        RestorationNet net = RestorationNet.create(RestorationConfig.rgb(8, 2), Device.cpu(), 3);
        RandomRestoration.randomise(net, 17);
        return net;
    }

    /** R(x) by one network pass on the whole batch, as the objective computes it, clipped to [0, 1]. */
    private static List<RgbImage> direct(RestorationNet net, List<RgbImage> images) {
        try (NoGrad ignored = NoGrad.open(); NDManager m = net.manager().newSubManager()) {
            float[] y = net.forward(ModelSpace.batch(m, images)).toFloatArray();
            RgbImage first = images.get(0);
            return java.util.stream.IntStream.range(0, images.size())
                    .mapToObj(i -> ModelSpace.image(y, i, first.width(), first.height())).toList();
        }
    }

    private static RgbImage tiled(RestorationNet net, RgbImage image, int tileSize, int halo) {
        try (NoGrad ignored = NoGrad.open(); NDManager m = net.manager().newSubManager()) {
            return new TiledRestoration(tileSize, halo).apply(image, m, net::forward);
        }
    }

    @Test
    void imagesThatFitOneTileAreRestoredAsByADirectForwardPass() {
        try (RestorationNet net = randomNet()) {
            // Not closed here: it would close the network, which the try closes.
            FrozenRestoration r = new FrozenRestoration(net, 32, "test");
            assertTrue(net.frozen(), "FrozenRestoration freezes its network");
            RgbImage a = RandomRestoration.image(1, 29, 17, 0.2f, 0.8f);
            RgbImage b = RandomRestoration.image(2, 29, 17, 0.2f, 0.8f);
            RgbImage c = RandomRestoration.image(3, 32, 32, 0.2f, 0.8f);
            RgbImage d = RandomRestoration.image(4, 29, 17, 0.2f, 0.8f);
            List<RgbImage> restored = r.restore(List.of(a, b, c, d));
            assertEquals(4, restored.size());
            List<RgbImage> ab = direct(net, List.of(a, b));
            RgbImage[] expected = {ab.get(0), ab.get(1), direct(net, List.of(c)).get(0), direct(net, List.of(d)).get(0)};
            for (int i = 0; i < 4; i++) {
                assertEquals(expected[i].width(), restored.get(i).width());
                assertEquals(expected[i].height(), restored.get(i).height());
                double diff = RandomRestoration.maxAbsDiff(expected[i], restored.get(i));
                assertTrue(diff <= TOLERANCE, "image " + i + ": max |FrozenRestoration - forward| = " + diff);
            }
            // Not the identity: R moves the pixels well beyond the tolerance.
            double moved = RandomRestoration.maxAbsDiff(a, restored.get(0));
            assertTrue(moved > 0.1, "R(a) is within " + moved + " of a: the weights are not random enough");
            // Frozen: the same call gives the same output bit for bit. Batched with other images the
            // convolution kernels may round differently (seen: 6e-8), which the tolerance allows.
            assertEquals(0.0, RandomRestoration.maxAbsDiff(r.restore(a), r.restore(a)), "same input, same output");
            double batchEffect = RandomRestoration.maxAbsDiff(r.restore(a), restored.get(0));
            assertTrue(batchEffect <= TOLERANCE, "alone vs in a batch of 2: " + batchEffect);
        }
    }

    @Test
    void aTiledImageAgreesWithTheUntiledPassAtEveryPixel() {
        try (RestorationNet net = randomNet()) {
            int halo = net.config().receptiveRadius();
            assertEquals(6, halo);
            RgbImage image = RandomRestoration.image(5, 100, 70, 0.2f, 0.8f);
            RgbImage whole = tiled(net, image, 128, halo);
            assertTrue(new TiledRestoration(128, halo).fitsOneTile(image));
            assertTrue(RandomRestoration.maxAbsDiff(whole, direct(net, List.of(image)).get(0)) <= TOLERANCE,
                    "one tile is the direct pass");

            TiledRestoration tiles = new TiledRestoration(24, halo);
            assertFalse(tiles.fitsOneTile(image));
            RgbImage inTiles = tiled(net, image, 24, halo);
            assertEquals(100, inTiles.width());
            assertEquals(70, inTiles.height());
            Disagreement d = compare(whole, inTiles);
            assertEquals(0, d.count, "pixels off by more than " + TOLERANCE + " (max " + d.max + ", first at " + d.first
                    + ")");
            int unclipped = 0;
            for (float v : whole.chw()) {
                unclipped += v > 0f && v < 1f ? 1 : 0;
            }
            assertTrue(unclipped > whole.size() / 2, "most values must be inside (0, 1), not clipped: " + unclipped);

            // FrozenRestoration takes the tiled path for an image larger than its tile.
            FrozenRestoration r = new FrozenRestoration(net, 24, "test");
            assertEquals(0, compare(whole, r.restore(image)).count, "FrozenRestoration with tile 24");
        }
    }

    @Test
    void aHaloBelowTheReceptiveRadiusLeavesSeams() {
        try (RestorationNet net = randomNet()) {
            RgbImage image = RandomRestoration.image(5, 100, 70, 0.2f, 0.8f);
            RgbImage whole = tiled(net, image, 128, 6);
            Disagreement[] byHalo = new Disagreement[7];
            for (int halo = 0; halo <= 6; halo++) {
                byHalo[halo] = compare(whole, tiled(net, image, 24, halo));
                System.out.printf("tile 24, halo %d: %d of %d values differ by more than %.0e, max %.3g%n", halo,
                        byHalo[halo].count, whole.size(), TOLERANCE, byHalo[halo].max);
            }
            // No halo: the cut edges show, far beyond the tolerance.
            assertTrue(byHalo[0].count > 0 && byHalo[0].max > 1e-2, "halo 0 must leave seams: " + byHalo[0]);
            // The receptive radius is the least exact halo: one pixel less is measurably wrong (the error
            // decays with the distance to the cut, so at this tolerance it passes; hence the ratio), while
            // the full radius leaves only float rounding.
            assertEquals(0, byHalo[6].count);
            assertTrue(byHalo[6].max < 1e-5, "halo 6 differs by more than rounding: " + byHalo[6]);
            assertTrue(byHalo[5].max > 10 * byHalo[6].max, "halo 5 " + byHalo[5] + " vs halo 6 " + byHalo[6]);
        }
    }

    @Test
    void tilesMustExceedTwiceTheHalo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TiledRestoration(12, 6));
        assertEquals("tile size 12 must exceed twice the halo 6", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TiledRestoration(4, 6));
        assertThrows(IllegalArgumentException.class, () -> new TiledRestoration(24, -1));
        assertEquals(13, new TiledRestoration(13, 6).tileSize());
        assertEquals(0, new TiledRestoration(1, 0).halo());
        // FrozenRestoration derives the halo from the network: a tile too small for it is refused.
        try (RestorationNet net = RestorationNet.create(RestorationConfig.rgb(4, 2), Device.cpu(), 1)) {
            assertThrows(IllegalArgumentException.class, () -> new FrozenRestoration(net, 12, "test"));
        }
    }

    private record Disagreement(int count, double max, String first) {}

    private static Disagreement compare(RgbImage expected, RgbImage actual) {
        int count = 0;
        double max = 0;
        String first = "none";
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < expected.height(); y++) {
                for (int x = 0; x < expected.width(); x++) {
                    double diff = Math.abs(expected.get(c, y, x) - actual.get(c, y, x));
                    max = Math.max(max, diff);
                    if (diff > TOLERANCE && count++ == 0) {
                        first = "(c " + c + ", y " + y + ", x " + x + ")";
                    }
                }
            }
        }
        return new Disagreement(count, max, first);
    }
}

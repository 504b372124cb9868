package org.lrpo.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.image.RgbImage;
import org.lrpo.rewards.faces.DemoFaceCrops;
import org.lrpo.rewards.metrics.DwtLowpassReward;
import org.lrpo.rewards.metrics.MsSsim;
import org.lrpo.rewards.metrics.NiqeModel;
import org.lrpo.rewards.metrics.NiqeModels;
import org.lrpo.rewards.metrics.Psnr;
import org.lrpo.rewards.metrics.Ssim;

/**
 * The metric adapters (ssim, ms_ssim, psnr, dwt_lowpass, niqe) give exactly their metric's number, mapped as
 * documented, on real face photos (face-api's demo crops at 64 px: gt the fixture's crop, x the same face
 * cropped wider and shifted, or box-blurred); and the maps' own properties.
 */
class MetricComponentsTest {
    private static final int SIZE = 64;
    private static List<RgbImage> gts;
    private static List<RgbImage> xs;

    @BeforeAll
    static void faces() {
        DemoFaceCrops faces = DemoFaceCrops.get();
        gts = new ArrayList<>();
        xs = new ArrayList<>();
        for (int i = 0; i < faces.faceCount(); i++) {
            RgbImage gt = faces.crop(i, 1.2, 0, 0, SIZE);
            gts.add(gt);
            xs.add(i % 2 == 0 ? faces.crop(i, 1.3, 3, -2, SIZE) : TestFaces.boxBlur(gt, 1));
        }
    }

    @Test
    void ssimIsSsimClippedAtZero() {
        double[] s = new SsimReward().score(xs, gts);
        for (int i = 0; i < s.length; i++) {
            double raw = Ssim.compute(xs.get(i), gts.get(i));
            assertTrue(raw > 0 && raw < 1, "a restoration-like pair has SSIM in (0, 1): " + raw);
            assertEquals(raw, s[i], 0.0, "ssim " + i);
        }
        // An inverted face is anti-correlated with its gt: negative SSIM, clipped to 0.
        RgbImage inverted = TestFaces.inverted(gts.get(0));
        assertTrue(Ssim.compute(inverted, gts.get(0)) < 0);
        assertEquals(0.0, new SsimReward().score(List.of(inverted), List.of(gts.get(0)))[0], 0.0);
        assertEquals(1.0, new SsimReward().score(List.of(gts.get(0)), List.of(gts.get(0)))[0], 1e-12);
    }

    @Test
    void msSsimIsMsSsim() {
        double[] s = new MsSsimReward().score(xs, gts);
        for (int i = 0; i < s.length; i++) {
            assertEquals(MsSsim.compute(xs.get(i), gts.get(i)), s[i], 0.0, "ms_ssim " + i);
        }
    }

    @Test
    void psnrIsPsnrOverMaxDbClipped() {
        PsnrReward c = PsnrReward.fromOptions(ComponentOptions.none(PsnrReward.NAME));
        assertEquals(50.0, c.maxDb());
        double[] s = c.score(xs, gts);
        for (int i = 0; i < s.length; i++) {
            double db = Psnr.compute(xs.get(i), gts.get(i));
            assertTrue(db > 10 && db < 50, "real pair PSNR " + db);
            assertEquals(db / 50.0, s[i], 0.0, "psnr " + i);
        }
        assertEquals(1.0, c.score(List.of(gts.get(0)), List.of(gts.get(0)))[0], 0.0, "identical images: +Inf dB -> 1");
        PsnrReward strict = PsnrReward.fromOptions(ComponentOptions.of("psnr", Map.of("max-db", 20)));
        assertEquals(Math.min(1, Psnr.compute(xs.get(0), gts.get(0)) / 20), strict.score(xs, gts)[0], 0.0);
    }

    @Test
    void dwtLowpassIsTheRewardAndItsGtCacheChangesNothing() {
        // A rollout group: three candidates of the same gt object, then another face.
        List<RgbImage> x = List.of(xs.get(0), TestFaces.boxBlur(gts.get(0), 2), gts.get(0), xs.get(1));
        List<RgbImage> gt = List.of(gts.get(0), gts.get(0), gts.get(0), gts.get(1));
        double[] s = new DwtLowpassComponent().score(x, gt);
        for (int i = 0; i < s.length; i++) {
            assertEquals(DwtLowpassReward.reward(x.get(i), gt.get(i)), s[i], 0.0, "dwt_lowpass " + i);
        }
        assertEquals(1.0, s[2], 0.0, "x = gt");
        // The J = 3 lowpass sees where things are, not fine detail: a shifted, rescaled crop costs more than a blur.
        assertTrue(s[1] > s[0] && s[1] < 1, "radius-2 blur above a shifted crop: " + s[1] + " vs " + s[0]);
    }

    @Test
    void niqeIsExpOfMinusNiqeOverScaleAndReadsAModelFile(@TempDir Path dir) throws Exception {
        NiqeModel model = NiqeModels.cachedFitOnGeneratedFaces(NiqeModels.DEFAULT_SEED, NiqeModels.DEFAULT_FACES, SIZE,
                NiqeModels.blockSizeFor(SIZE));
        NiqeReward fitted = NiqeReward.fromOptions(ComponentOptions.none(NiqeReward.NAME));
        assertTrue(fitted.model() == model, "the default options fit the same model (cached per JVM)");
        double[] s = fitted.score(xs, gts);
        for (int i = 0; i < s.length; i++) {
            assertEquals(Math.exp(-model.score(xs.get(i)) / NiqeReward.DEFAULT_SCALE), s[i], 0.0, "niqe " + i);
        }
        // The same model from a file: the same numbers; gt is not looked at.
        Path file = dir.resolve("pristine.json");
        model.write(file);
        NiqeReward fromFile = NiqeReward.fromOptions(ComponentOptions.of("niqe",
                Map.of("model-path", file.toString(), "scale", 5)));
        double[] f = fromFile.score(xs, xs);
        for (int i = 0; i < f.length; i++) {
            assertEquals(Math.exp(-model.score(xs.get(i)) / 5), f[i], 1e-12, "niqe from file " + i);
        }
        // Fitted on 64 px faces, it refuses other sizes rather than compare unlike block statistics.
        RgbImage large = DemoFaceCrops.get().crop(0, 1.2, 0, 0, 96);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> fitted.score(List.of(large), List.of(large)));
        assertTrue(size.getMessage().contains("96x96") && size.getMessage().contains("fit-resolution"),
                size.getMessage());
        assertEquals(1, fromFile.score(List.of(large), List.of(large)).length, "a model file is not size-checked");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> NiqeReward.fromOptions(
                ComponentOptions.of("niqe", Map.of("model-path", dir.resolve("nope.json").toString()))));
        assertTrue(missing.getMessage().contains("nope.json"), missing.getMessage());
    }

    @Test
    void niqeMapIsStrictlyDecreasingFromOne() {
        for (double scale : new double[] {0.5, 3, 20}) {
            assertEquals(1.0, NiqeReward.reward(0, scale), 0.0);
            double previous = 1.0;
            for (double n = 0.01; n < 200; n *= 1.05) {
                double r = NiqeReward.reward(n, scale);
                assertTrue(r < previous && r >= 0, "scale " + scale + ": reward(" + n + ") = " + r + " after " + previous);
                previous = r;
            }
        }
        assertThrows(IllegalArgumentException.class, () -> NiqeReward.reward(Double.NaN, 3));
        assertThrows(IllegalArgumentException.class, () -> NiqeReward.reward(-1, 3));
    }

    @Test
    void badOptionsNameTheKey() {
        InvalidOptionException scale = assertThrows(InvalidOptionException.class,
                () -> NiqeReward.Options.parse(ComponentOptions.of("niqe", Map.of("scale", -1))));
        assertEquals("scale", scale.key());
        InvalidOptionException block = assertThrows(InvalidOptionException.class,
                () -> NiqeReward.Options.parse(ComponentOptions.of("niqe", Map.of("block-size", 33))));
        assertEquals("block-size", block.key());
        InvalidOptionException both = assertThrows(InvalidOptionException.class, () -> NiqeReward.Options.parse(
                ComponentOptions.of("niqe", Map.of("block-size", 16, "model-path", "/m.json"))));
        assertEquals("block-size", both.key());
        InvalidOptionException maxDb = assertThrows(InvalidOptionException.class,
                () -> PsnrReward.fromOptions(ComponentOptions.of("psnr", Map.of("max-db", 0))));
        assertEquals("max-db", maxDb.key());
        InvalidOptionException extra = assertThrows(InvalidOptionException.class,
                () -> SsimReward.fromOptions(ComponentOptions.of("ssim", Map.of("window", 7))));
        assertTrue(extra.getMessage().contains("window"), extra.getMessage());
    }

    @Test
    void sizeMismatchAndNaNAreRejectedNamingTheImage() {
        RgbImage small = TestFaces.boxBlur(DemoFaceCrops.get().crop(0, 1.2, 0, 0, 32), 1);
        for (var c : List.of(new SsimReward(), new MsSsimReward(), new PsnrReward(50), new DwtLowpassComponent())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.score(List.of(small), List.of(gts.get(0))));
            assertTrue(e.getMessage().contains("restored[0]"), c.name() + ": " + e.getMessage());
            float[] v = gts.get(1).chw().clone();
            v[5] = Float.NaN;
            RgbImage nan = RgbImage.wrap(SIZE, SIZE, v);
            IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                    () -> c.score(List.of(gts.get(1), nan), List.of(gts.get(1), gts.get(1))));
            assertTrue(n.getMessage().contains("restored[1]"), c.name() + ": " + n.getMessage());
        }
    }
}

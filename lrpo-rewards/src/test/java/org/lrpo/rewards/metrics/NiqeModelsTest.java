package org.lrpo.rewards.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.RgbImage;

/**
 * The pristine model fitted on generated faces: deterministic, and on held-out generated faces (another seed)
 * NIQE puts every sharp face below its blurred and noisy copies and rises with noise strength. Prints the
 * numbers behind the niqe reward's default scale (NiqeReward's class comment).
 */
class NiqeModelsTest {
    private static final int SIZE = 64;

    @Test
    void blockSizeFollowsTheResolution() {
        assertEquals(16, NiqeModels.blockSizeFor(64));
        assertEquals(32, NiqeModels.blockSizeFor(128));
        assertEquals(64, NiqeModels.blockSizeFor(256));
        assertEquals(96, NiqeModels.blockSizeFor(512));
        assertEquals(8, NiqeModels.blockSizeFor(34), "rounded down to even");
        assertThrows(IllegalArgumentException.class, () -> NiqeModels.blockSizeFor(31));
        assertThrows(IllegalArgumentException.class, () -> NiqeModels.fitOnGeneratedFaces(1, 0, 64));
        assertThrows(IllegalArgumentException.class, () -> NiqeModels.fitOnGeneratedFaces(1, 4, 64, 96));
    }

    @Test
    void heldOutFacesScoreSharpBelowDegradedAndNoiseRaisesNiqe() {
        NiqeModel model = NiqeModels.cachedFitOnGeneratedFaces(NiqeModels.DEFAULT_SEED, NiqeModels.DEFAULT_FACES, SIZE,
                NiqeModels.blockSizeFor(SIZE));
        assertEquals(NiqeModels.DEFAULT_FACES, model.images());
        assertEquals(16, model.blockSize());
        List<RgbImage> heldOut = FaceGenerator.faceList(777L, 8, SIZE);
        double sumSharp = 0;
        double sumBlur = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            RgbImage f = heldOut.get(i);
            double sharp = model.score(f);
            double blur1 = model.score(TestImages.blurred(f, 1));
            double blur2 = model.score(TestImages.blurred(f, 2));
            double[] noisy = new double[3];
            double[] sigmas = {0.05, 0.1, 0.2};
            for (int k = 0; k < 3; k++) {
                noisy[k] = model.score(TestImages.noisy(f, sigmas[k], 1000 + i));
            }
            String what = String.format("face %d: sharp %.3f blur1 %.3f blur2 %.3f noise %.3f %.3f %.3f", i, sharp,
                    blur1, blur2, noisy[0], noisy[1], noisy[2]);
            System.out.println(what);
            assertTrue(sharp < blur1 && sharp < blur2 && sharp < noisy[0], what);
            assertTrue(noisy[0] < noisy[1] && noisy[1] < noisy[2], what);
            sumSharp += sharp;
            sumBlur += blur1;
        }
        double a = sumSharp / heldOut.size();
        double b = sumBlur / heldOut.size();
        System.out.printf("mean NIQE sharp a = %.3f, radius-1 blur b = %.3f: exp(-a/s) - exp(-b/s) is largest at "
                + "s = (b - a) / ln(b / a) = %.3f%n", a, b, (b - a) / Math.log(b / a));
    }

    @Test
    void fittingIsDeterministic() {
        NiqeModel one = NiqeModels.fitOnGeneratedFaces(5, 12, SIZE);
        NiqeModel two = NiqeModels.fitOnGeneratedFaces(5, 12, SIZE);
        RgbImage probe = FaceGenerator.face(99, 3, 1, SIZE);
        assertEquals(one.patches(), two.patches());
        assertEquals(one.score(probe), two.score(probe), 0.0);
        NiqeModel otherSeed = NiqeModels.fitOnGeneratedFaces(6, 12, SIZE);
        assertTrue(otherSeed.score(probe) != one.score(probe), "the seed picks the faces");
    }
}

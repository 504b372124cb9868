package org.lrpo.core.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;

/** Rendered faces: deterministic, valid at every resolution, and identity-preserving across appearances. */
class FaceRendererTest {
    static {
        // The renderer must not need a display; CI machines have none.
        System.setProperty("java.awt.headless", "true");
    }

    private static final long RUN = 20261126L;

    @Test
    void rendersHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless());
        assertEquals(64, FaceGenerator.face(RUN, 0, 0, 64).width());
    }

    @Test
    void sameInputsGiveBitIdenticalPixels() {
        for (int i = 0; i < 4; i++) {
            RgbImage a = FaceGenerator.face(RUN, i, 2, 96);
            RgbImage b = FaceRenderer.render(FaceIdentity.draw(RUN, i), FaceAppearance.draw(RUN, i, 2), 96);
            assertArrayEquals(a.chw(), b.chw(), "face " + i + " rendered twice differs");
        }
    }

    @Test
    void everyResolutionRendersValidNonTrivialImages() {
        for (int size : new int[] {32, 64, 256}) {
            RgbImage img = FaceGenerator.face(RUN, 3, 1, size);
            assertEquals(size, img.width());
            assertEquals(size, img.height());
            double sum = 0;
            double sumSq = 0;
            for (float v : img.chw()) {
                assertTrue(v >= 0f && v <= 1f, "value " + v + " outside [0, 1] at " + size + " px");
                sum += v;
                sumSq += (double) v * v;
            }
            double mean = sum / img.size();
            double std = Math.sqrt(sumSq / img.size() - mean * mean);
            assertTrue(std > 0.08, "a face at " + size + " px should have contrast, std " + std);
        }
    }

    @Test
    void geometryIsTheSameAtEveryResolution() {
        // A 256 px face box-averaged down to 64 px matches the face rendered at 64 px: only edge antialiasing differs.
        RgbImage big = FaceGenerator.face(RUN, 5, 0, 256);
        RgbImage small = FaceGenerator.face(RUN, 5, 0, 64);
        double mad = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    double s = 0;
                    for (int dy = 0; dy < 4; dy++) {
                        for (int dx = 0; dx < 4; dx++) {
                            s += big.get(c, 4 * y + dy, 4 * x + dx);
                        }
                    }
                    mad += Math.abs(s / 16 - small.get(c, y, x));
                }
            }
        }
        mad /= small.size();
        assertTrue(mad < 0.01, "64 px face differs from the downscaled 256 px face by " + mad);
    }

    @Test
    void differentIdentitiesDiffer() {
        for (int i = 0; i < 10; i++) {
            double d = FaceDistance.meanAbsolute(FaceGenerator.face(RUN, i, 0, 64), FaceGenerator.face(RUN, i + 1, 0, 64));
            assertTrue(d > 0.08, "identities " + i + " and " + (i + 1) + " differ by only " + d);
        }
    }

    @Test
    void variantsOfOneIdentityAreCloserThanDifferentIdentities() {
        int n = 20;
        RgbImage[][] faces = new RgbImage[n][2];
        for (int i = 0; i < n; i++) {
            for (int v = 0; v < 2; v++) {
                faces[i][v] = FaceGenerator.face(RUN, i, v, 64);
            }
        }
        double within = 0;
        for (int i = 0; i < n; i++) {
            within += FaceDistance.faceRegion(faces[i][0], faces[i][1]);
        }
        within /= n;
        double between = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                between += FaceDistance.faceRegion(faces[i][0], faces[j][0]);
                pairs++;
            }
        }
        between /= pairs;
        assertTrue(within < 0.7 * between, "same-identity distance " + within + " vs different-identity distance " + between);
    }

    @Test
    void skinToneAtTheCheekSpansLightToDark() {
        double darkest = 1;
        double lightest = 0;
        int size = 64;
        for (int i = 0; i < 40; i++) {
            RgbImage img = FaceRenderer.render(FaceIdentity.draw(RUN, i), FaceAppearance.neutral(), size);
            double[] rgb = FaceDistance.meanColour(img, 0.36, 0.53, 0.05);
            assertTrue(rgb[0] >= rgb[1] && rgb[1] >= rgb[2],
                    "cheek of identity " + i + " is not skin-coloured (R >= G >= B): " + Arrays.toString(rgb));
            double luma = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
            darkest = Math.min(darkest, luma);
            lightest = Math.max(lightest, luma);
        }
        assertTrue(lightest > 0.7, "lightest cheek luma " + lightest);
        assertTrue(darkest < 0.35, "darkest cheek luma " + darkest);
    }

    @Test
    void generatorListsFacesInIdentityOrder() {
        List<RgbImage> faces = FaceGenerator.faceList(RUN, 3, 32);
        assertEquals(3, faces.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(FaceGenerator.face(RUN, i, 0, 32).chw(), faces.get(i).chw());
        }
    }

    @Test
    void badSizeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaceGenerator.face(RUN, 0, 0, 4));
        assertTrue(e.getMessage().contains("at least 8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FaceGenerator.faceList(RUN, -1, 32));
    }
}

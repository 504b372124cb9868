package org.lrpo.rewards.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.lrpo.core.image.RgbImage;

/** face-api's pad-to-square and TF's legacy bilinear resize, worked by hand. */
class TfjsImageInputTest {
    @Test
    void legacyBilinearSamplesAtIOverScaleAndClamps() {
        // one 2x2 plane [[0, 10], [20, 30]] in all three channels, resized to 4x4:
        // source coordinate i * 2 / 4 = 0, 0.5, 1, 1.5 (the last clamped to row/column 1)
        float[] src = new float[12];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(new float[] {0, 10, 20, 30}, 0, src, 4 * c, 4);
        }
        float[] out = TfjsImageInput.resizeBilinear(src, 2, 4);
        float[] plane = new float[16];
        System.arraycopy(out, 16, plane, 0, 16);
        assertArrayEquals(new float[] {0, 5, 10, 10, 10, 15, 20, 20, 20, 25, 30, 30, 20, 25, 30, 30}, plane, 1e-5f);
    }

    @Test
    void centredPaddingPutsTheRoundedHalfAfter() {
        // 1 wide, 4 high: diff 3, round(1.5) = 2 columns after, 1 before (face-api's padToSquare)
        float[] chw = new float[12];
        java.util.Arrays.fill(chw, 1f / 255f);
        float[] sq = TfjsImageInput.toSquare(RgbImage.wrap(1, 4, chw), 4, true);
        float[] row = {sq[0], sq[1], sq[2], sq[3]};
        assertArrayEquals(new float[] {0, 1, 0, 0}, row, 1e-5f);
        // not centred (the detector): everything after
        float[] corner = TfjsImageInput.toSquare(RgbImage.wrap(1, 4, chw), 4, false);
        assertArrayEquals(new float[] {1, 0, 0, 0}, new float[] {corner[0], corner[1], corner[2], corner[3]}, 1e-5f);
    }

    @Test
    void reshapedSizeRoundsLikeFaceApi() {
        assertArrayEquals(new int[] {416, 277}, TfjsImageInput.reshapedSize(1920, 1280, 416));
        assertArrayEquals(new int[] {265, 416}, TfjsImageInput.reshapedSize(700, 1098, 416));
    }
}

package org.lrpo.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageCodec#encodeJpeg} quality {@code q} means IJG quality (the scale of libjpeg, PIL and OpenCV,
 * on which the degradation presets' JPEG ranges are published): the quantisation tables in the file are
 * the JPEG standard's Annex K tables scaled by IJG's {@code jpeg_quality_scaling}.
 */
class JpegQualityTest {
    /** ITU-T T.81 Annex K.1 luminance table, natural (row-major) order. */
    private static final int[] LUMA = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
    /** Annex K.2 chrominance table. */
    private static final int[] CHROMA = {
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};
    /** Natural index of each zig-zag position (DQT stores tables in zig-zag order). */
    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6,
        7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31,
        39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

    /** libjpeg's jcparam.c: jpeg_quality_scaling and jpeg_add_quant_table with force_baseline. */
    private static int ijg(int base, int quality) {
        int scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
        long v = (base * (long) scale + 50) / 100;
        return (int) Math.max(1, Math.min(255, v));
    }

    @Test
    void quantisationTablesAreIjgQualityScaled() {
        RgbImage img = ImageCodecTest.ramp(24, 16);
        int worst = 0;
        for (int q : new int[] {30, 45, 50, 60, 75, 90, 99, 100}) {
            List<int[]> tables = dqtTables(ImageCodec.encodeJpeg(img, q));
            assertEquals(2, tables.size(), "luminance and chrominance tables at q=" + q);
            for (int t = 0; t < 2; t++) {
                int[] base = t == 0 ? LUMA : CHROMA;
                for (int z = 0; z < 64; z++) {
                    int want = ijg(base[ZIGZAG[z]], q);
                    int got = tables.get(t)[z];
                    // The JDK scales in float (0.5 / q'), libjpeg in integers (5000 / q): off by one at most.
                    assertEquals(want, got, 1, "q=" + q + " table " + t + " zig-zag " + z);
                    worst = Math.max(worst, Math.abs(want - got));
                }
            }
        }
        assertTrue(worst <= 1);
    }

    /** The 8-bit quantisation tables of every DQT segment, in file (zig-zag) order. */
    private static List<int[]> dqtTables(byte[] jpeg) {
        List<int[]> tables = new ArrayList<>();
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            int len = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker == 0xDA) {
                break;
            }
            if (marker == 0xDB) {
                int p = i + 4;
                while (p < i + 2 + len) {
                    int pq = (jpeg[p] & 0xFF) >> 4;
                    assertEquals(0, pq, "8-bit tables expected");
                    int[] t = new int[64];
                    for (int k = 0; k < 64; k++) {
                        t[k] = jpeg[p + 1 + k] & 0xFF;
                    }
                    tables.add(t);
                    p += 65;
                }
            }
            i += 2 + len;
        }
        return tables;
    }
}

package org.lrpo.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lrpo.core.testing.PythonReference;
import org.lrpo.core.image.Resizer.Filter;

class ResizerTest {
    /** Float32 accumulation in a different order than PyTorch's: a few ulps of values in [0, 1]. */
    private static final float TORCH_TOLERANCE = 1e-5f;

    @Test
    void handWorkedAntialiasedBilinearDownscale() {
        // One row 0, 1, 0.5, 0.25 shrunk to 2 (scale 2, triangle stretched to radius 2).
        // Output 0: centre 1, taps j = 0, 1, 2 with weights 0.75, 0.75, 0.25 -> (0.75 + 0.125) / 1.75 = 0.5.
        // Output 1: centre 3, taps j = 1, 2, 3 with weights 0.25, 0.75, 0.75 -> 0.8125 / 1.75 = 0.4642857.
        // torch.nn.functional.interpolate(size=(1, 2), mode='bilinear', antialias=True) printed
        // 0.5 0.464285731 (src/test/python/resize_reference.py).
        float[] row = {0f, 1f, 0.5f, 0.25f};
        RgbImage img = RgbImage.wrap(4, 1, concat(row, row, row));
        RgbImage out = Resizer.resize(img, 2, 1, Filter.BILINEAR);
        for (int c = 0; c < 3; c++) {
            assertEquals(0.5f, out.get(c, 0, 0), 1e-7f);
            assertEquals(0.8125f / 1.75f, out.get(c, 0, 1), 1e-7f);
        }
    }

    @Test
    void constantImageStaysConstantAtEverySize() {
        float[] v = new float[3 * 13 * 7];
        java.util.Arrays.fill(v, 0.3f);
        RgbImage img = RgbImage.wrap(13, 7, v);
        for (Filter f : Filter.values()) {
            for (int[] size : new int[][] {{1, 1}, {5, 3}, {29, 17}, {13, 2}}) {
                RgbImage out = Resizer.resize(img, size[0], size[1], f);
                for (float x : out.chw()) {
                    assertEquals(0.3f, x, 1e-6f, f + " to " + size[0] + "x" + size[1]);
                }
            }
        }
    }

    @Test
    void sameSizeIsACopy() {
        RgbImage img = random(6, 4, 1);
        RgbImage out = Resizer.resize(img, 6, 4, Filter.BICUBIC);
        assertArrayEquals(img.chw(), out.chw());
        assertThrows(IllegalArgumentException.class, () -> Resizer.resize(img, 0, 4, Filter.BILINEAR));
    }

    @Test
    void matchesTorchInterpolateWithAntialias() throws Exception {
        String why = PythonReference.unavailableReason("torch", "numpy");
        assertNull(why, () -> "PyTorch reference unavailable: " + why);
        int[][] cases = {
            // w, h, outW, outH: non-integer down, non-integer up, integer down, mixed, one axis, large factor
            {17, 13, 5, 7}, {8, 6, 19, 11}, {64, 64, 16, 16}, {30, 20, 45, 8}, {9, 9, 9, 4}, {100, 80, 7, 9},
            {3, 2, 5, 4}, {1, 1, 3, 2},
        };
        StringBuilder input = new StringBuilder();
        RgbImage[] inputs = new RgbImage[cases.length * 2];
        int n = 0;
        for (Filter f : Filter.values()) {
            for (int[] c : cases) {
                RgbImage img = random(c[0], c[1], 100 + n);
                inputs[n++] = img;
                input.append(f.name().toLowerCase(Locale.ROOT)).append(" 3 ").append(c[1]).append(' ').append(c[0])
                        .append(' ').append(c[3]).append(' ').append(c[2]);
                for (float x : img.chw()) {
                    input.append(' ').append(x);
                }
                input.append('\n');
            }
        }
        List<String> lines = PythonReference.runWithInput("resize_reference.py", input.toString());
        assertEquals(inputs.length, lines.size());
        n = 0;
        float overall = 0f;
        for (Filter f : Filter.values()) {
            for (int[] c : cases) {
                RgbImage out = Resizer.resize(inputs[n], c[2], c[3], f);
                String[] want = lines.get(n).trim().split(" ");
                assertEquals(out.size(), want.length);
                float worst = 0f;
                for (int i = 0; i < want.length; i++) {
                    worst = Math.max(worst, Math.abs(Float.parseFloat(want[i]) - out.chw()[i]));
                }
                String label = f + " " + c[0] + "x" + c[1] + " -> " + c[2] + "x" + c[3];
                assertEquals(0f, worst, TORCH_TOLERANCE, label + ": max |java - torch|");
                overall = Math.max(overall, worst);
                n++;
            }
        }
        System.out.println("Resizer vs torch antialias=True, " + n + " cases: max |diff| = " + overall);
    }

    private static RgbImage random(int w, int h, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[3 * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble();
        }
        return RgbImage.wrap(w, h, v);
    }

    private static float[] concat(float[]... parts) {
        int len = 0;
        for (float[] p : parts) {
            len += p.length;
        }
        float[] out = new float[len];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}

package org.lrpo.core.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FivePointsTest {

    @Test
    void fromLandmarks68TakesEyeContourMeansNoseTipAndMouthCorners() {
        float[] x = new float[68];
        float[] y = new float[68];
        for (int i = 0; i < 68; i++) {
            // Filler everywhere else: a point picked by mistake shows up as a value near -1000.
            x[i] = -1000 - i;
            y[i] = -2000 - i;
        }
        // Left eye contour 36..41: x mean (10+11+13+14+16+20)/6 = 14, y mean (50+48+48+50+52+52)/6 = 50.
        float[] lx = {10, 11, 13, 14, 16, 20};
        float[] ly = {50, 48, 48, 50, 52, 52};
        // Right eye contour 42..47: x mean 241/6 = 40.1666..., y mean 306/6 = 51.
        float[] rx = {35, 37, 40, 44, 43, 42};
        float[] ry = {51, 49, 49, 51, 53, 53};
        for (int k = 0; k < 6; k++) {
            x[36 + k] = lx[k];
            y[36 + k] = ly[k];
            x[42 + k] = rx[k];
            y[42 + k] = ry[k];
        }
        x[30] = 27.5f;
        y[30] = 70.25f;
        x[48] = 16;
        y[48] = 90;
        x[54] = 39;
        y[54] = 91.5f;
        FivePoints p = FivePoints.fromLandmarks68(x, y);
        assertArrayEquals(new double[] {14, 241 / 6.0, 27.5, 16, 39}, p.x(), 1e-12);
        assertArrayEquals(new double[] {50, 51, 70.25, 90, 91.5}, p.y(), 1e-12);
        assertEquals(14, p.x(FivePoints.LEFT_EYE), 1e-12);
        assertEquals(91.5, p.y(FivePoints.RIGHT_MOUTH), 0);
    }

    @Test
    void rejectsWrongCountsAndNonFinitePoints() {
        assertThrows(IllegalArgumentException.class, () -> FivePoints.fromLandmarks68(new float[67], new float[68]));
        assertThrows(IllegalArgumentException.class, () -> new FivePoints(new double[5], new double[4]));
        float[] x = new float[68];
        x[38] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FivePoints.fromLandmarks68(x, new float[68]));
        assertEquals("landmark 38 is not finite: (NaN, 0.0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new FivePoints(new double[5], new double[] {0, 0, Double.POSITIVE_INFINITY, 0, 0}));
        assertEquals("point 2 is not finite: (0.0, Infinity)", e.getMessage());
    }

    @Test
    void pointsAreCopiedInAndOut() {
        double[] x = {1, 2, 3, 4, 5};
        FivePoints p = new FivePoints(x, new double[5]);
        x[0] = 99;
        p.x()[1] = 99;
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, p.x(), 0);
    }
}

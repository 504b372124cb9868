package org.lrpo.core.faces;

import java.awt.Color;

/**
 * Colour palettes for skin, hair and irises, interpolated piecewise-linearly in sRGB.
 *
 * <p>The skin ramp runs through sRGB values typical of photographed human skin from very light to very dark
 * (roughly the Fitzpatrick I..VI span as seen in portrait photos), so every draw is a plausible skin colour.
 */
public final class SkinTones {
    private SkinTones() {}

    private static final int[][] SKIN = {
        {250, 222, 206}, {240, 202, 178}, {226, 184, 154}, {208, 162, 128}, {186, 138, 106},
        {156, 110, 82}, {126, 86, 62}, {96, 64, 48}, {70, 47, 37}
    };
    private static final int[][] IRIS = {
        {86, 128, 170}, {98, 130, 120}, {110, 120, 70}, {130, 95, 50}, {95, 60, 32}, {55, 36, 22}
    };
    private static final int[][] HAIR = {
        {232, 206, 150}, {200, 162, 100}, {140, 100, 60}, {92, 62, 38}, {52, 36, 26}, {22, 18, 16}
    };

    /** Skin colour for tone {@code t} in [0, 1] (0 lightest) and undertone {@code u} in [-1, 1] (cool .. warm). */
    public static Color skin(double t, double u) {
        double[] c = ramp(SKIN, t);
        // Undertone: cool skin is pinker (more red, less green), warm skin more olive/yellow.
        c[0] += -4 * u;
        c[1] += 6 * u;
        c[2] += -5 * u - 3 * Math.abs(u);
        return rgb(c);
    }

    /** Iris colour for pigment {@code p} in [0, 1] (0 blue .. 1 dark brown). */
    public static Color iris(double p) {
        return rgb(ramp(IRIS, p));
    }

    /** Hair colour from melanin (0 blond .. 1 black), redness and greying, all in [0, 1]. */
    public static Color hair(double melanin, double redness, double grey) {
        double[] c = ramp(HAIR, melanin);
        double red = redness * (1 - 0.6 * melanin);
        c[0] += 90 * red;
        c[1] += 10 * red;
        c[2] -= 25 * red;
        double[] white = {205, 202, 198};
        for (int i = 0; i < 3; i++) {
            c[i] += (white[i] - c[i]) * grey;
        }
        return rgb(c);
    }

    private static double[] ramp(int[][] stops, double t) {
        double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min((int) x, stops.length - 2);
        double f = x - i;
        double[] c = new double[3];
        for (int k = 0; k < 3; k++) {
            c[k] = stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f;
        }
        return c;
    }

    private static Color rgb(double[] c) {
        return new Color(clamp(c[0]), clamp(c[1]), clamp(c[2]));
    }

    private static int clamp(double v) {
        return (int) Math.round(Math.max(0, Math.min(255, v)));
    }
}

package org.lrpo.core.align;

import java.util.Objects;

/**
 * The five points a face is aligned by, in this order: left eye centre, right eye centre, nose tip, left mouth
 * corner, right mouth corner ("left" meaning the image's left, i.e. the subject's right), in pixels.
 *
 * <p>Five points rather than all 68 because that is what facexlib's FFHQ template defines, and because they
 * are the most stable landmarks: the jaw line and brows move with pose and expression and would pull the fit
 * around, while eyes, nose tip and mouth corners pin down position, scale and roll.
 */
public record FivePoints(double[] x, double[] y) {
    /** Number of points. */
    public static final int COUNT = 5;
    public static final int LEFT_EYE = 0;
    public static final int RIGHT_EYE = 1;
    public static final int NOSE = 2;
    public static final int LEFT_MOUTH = 3;
    public static final int RIGHT_MOUTH = 4;

    /**
     * @throws IllegalArgumentException unless both arrays hold 5 finite values
     */
    public FivePoints {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != COUNT || y.length != COUNT) {
            throw new IllegalArgumentException("expected " + COUNT + " points, got " + x.length + " x and " + y.length
                    + " y");
        }
        for (int i = 0; i < COUNT; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
            }
        }
        x = x.clone();
        y = y.clone();
    }

    /**
     * The five points of an iBUG 300-W 68-point markup (as face-api's landmark net returns, 0-based): the eye
     * centres are the means of the six eye-contour points 36–41 and 42–47, the nose tip is point 30 and the mouth
     * corners are points 48 and 54. This is how the five-point template's points are defined on 68-point data
     * (eye centre = centre of the eye contour, not the pupil, which the 68 points do not mark).
     *
     * @throws IllegalArgumentException unless both arrays hold 68 finite values (a landmark net can return NaN
     *     for a degenerate box; it is reported by landmark index)
     */
    public static FivePoints fromLandmarks68(float[] x, float[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != 68 || y.length != 68) {
            throw new IllegalArgumentException("expected 68 landmarks, got " + x.length + " x and " + y.length + " y");
        }
        for (int i = 0; i < 68; i++) {
            if (!Float.isFinite(x[i]) || !Float.isFinite(y[i])) {
                throw new IllegalArgumentException("landmark " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
            }
        }
        return new FivePoints(
                new double[] {mean(x, 36), mean(x, 42), x[30], x[48], x[54]},
                new double[] {mean(y, 36), mean(y, 42), y[30], y[48], y[54]});
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    /** Mean of the six points from {@code first}, in double so the eye centre is not rounded to float. */
    private static double mean(float[] v, int first) {
        double s = 0.0;
        for (int i = first; i < first + 6; i++) {
            s += v[i];
        }
        return s / 6.0;
    }
}

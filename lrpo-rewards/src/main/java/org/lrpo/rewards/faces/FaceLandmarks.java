package org.lrpo.rewards.faces;

/**
 * The 68 points of the iBUG 300-W markup (jaw 0-16, brows 17-26, nose 27-35, eyes 36-47,
 * mouth 48-67), in pixels of the image they were found in ({@code x} right, {@code y} down).
 */
public record FaceLandmarks(float[] x, float[] y) {
    public static final int POINTS = 68;

    public FaceLandmarks {
        if (x.length != POINTS || y.length != POINTS) {
            throw new IllegalArgumentException("expected " + POINTS + " landmarks, got " + x.length + " x and "
                    + y.length + " y");
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public float[] x() {
        return x.clone();
    }

    @Override
    public float[] y() {
        return y.clone();
    }

    public float x(int i) {
        return x[i];
    }

    public float y(int i) {
        return y[i];
    }
}

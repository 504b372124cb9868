package org.lrpo.rewards.faces;

/** A detected face: its box in pixels of the photo (top-left {@code x, y}, size) and the detector's score. */
public record FaceBox(double x, double y, double width, double height, double score) {
    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double area() {
        return width * height;
    }

    /** Intersection over union, face-api's {@code ops/iou} with {@code isIOU = true}. */
    public double iou(FaceBox o) {
        double w = Math.max(0, Math.min(right(), o.right()) - Math.max(x, o.x));
        double h = Math.max(0, Math.min(bottom(), o.bottom()) - Math.max(y, o.y));
        double inter = w * h;
        return inter / (area() + o.area() - inter);
    }
}

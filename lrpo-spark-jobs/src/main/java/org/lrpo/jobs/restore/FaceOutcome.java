package org.lrpo.jobs.restore;

import java.io.Serializable;

/**
 * One detected face of a photo as the manifest records it.
 *
 * @param x box left, in pixels of the (upscaled) photo
 * @param y box top
 * @param width box width
 * @param height box height
 * @param score detector score
 * @param points the five alignment points (x0, y0, ... x4, y4): eye centres, nose tip, mouth corners
 * @param pasted whether the restored face was pasted back
 * @param skipped why it was not ({@code too_small}, {@code too_large_for_model}), or null
 * @param identityCosine cosine between the face descriptors of the aligned input crop and its restoration, or NaN
 * @param niqeIn NIQE of the aligned input crop (lower is more natural), or NaN
 * @param niqeOut NIQE of the restored crop, or NaN
 */
public record FaceOutcome(double x, double y, double width, double height, double score, double[] points,
                          boolean pasted, String skipped, double identityCosine, double niqeIn, double niqeOut)
        implements Serializable {
    public static final String TOO_SMALL = "too_small";
    public static final String TOO_LARGE_FOR_MODEL = "too_large_for_model";
}

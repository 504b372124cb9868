package org.lrpo.jobs.restore;

import java.util.List;
import java.util.Map;
import org.lrpo.core.image.RgbImage;

/**
 * A photo after restoration.
 *
 * @param image the restored photo
 * @param faces every detected face, pasted or not
 * @param seconds time per phase (detect, align, stage1, diffusion, paste, metrics)
 */
public record RestoredPhoto(RgbImage image, List<FaceOutcome> faces, Map<String, Double> seconds) {
    /** No face was found (the photo still went through stage 1 when configured). */
    public boolean noFace() {
        return faces.isEmpty();
    }
}

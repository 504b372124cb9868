package org.lrpo.core.faces;

import java.util.List;
import org.lrpo.core.image.RgbImage;

/**
 * A generated photo and the faces in it, in the order they were pasted (back to front).
 *
 * @param photo the photo
 * @param faces every face drawn into it, including ones too small or too cut off to count
 */
public record Scene(RgbImage photo, List<SceneFace> faces) {
    public Scene {
        if (photo == null) {
            throw new IllegalArgumentException("photo must be given");
        }
        faces = List.copyOf(faces);
    }
}

package org.lrpo.core.faces;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.lrpo.core.image.RgbImage;

/**
 * The generated-face dataset of a run: face {@code (identityIndex, variantIndex)} is identity
 * {@code FaceIdentity.draw(runSeed, identityIndex)} in appearance {@code FaceAppearance.draw(runSeed, identityIndex,
 * variantIndex)}, rendered at the requested resolution. Variants of one identity are the same person.
 */
public final class FaceGenerator {
    private FaceGenerator() {}

    /** One generated face. */
    public static RgbImage face(long runSeed, long identityIndex, long variantIndex, int resolution) {
        return FaceRenderer.render(FaceIdentity.draw(runSeed, identityIndex),
                FaceAppearance.draw(runSeed, identityIndex, variantIndex), resolution);
    }

    /** Faces of identities {@code 0 .. count-1}, variant 0 each, in identity order; rendered lazily. */
    public static Stream<RgbImage> faces(long runSeed, int count, int resolution) {
        if (count < 0) {
            throw new IllegalArgumentException("face count must be non-negative, got " + count);
        }
        return IntStream.range(0, count).mapToObj(i -> face(runSeed, i, 0, resolution));
    }

    /** {@link #faces} collected into a list. */
    public static List<RgbImage> faceList(long runSeed, int count, int resolution) {
        return faces(runSeed, count, resolution).toList();
    }
}

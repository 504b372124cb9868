package org.lrpo.core.faces;

/**
 * What {@link SceneGenerator} may put into a photo.
 *
 * @param minFaces              fewest faces a scene asks for (0 allowed)
 * @param maxFaces              most faces a scene asks for; a face that finds no free place even at the smallest
 *                              size is left out, so a crowded photo can hold fewer
 * @param minFaceSize           smallest face, in photo pixels: the side of the face's ground-truth box before the
 *                              in-plane rotation (see {@link SceneFace#size})
 * @param maxFaceSize           largest face, same measure; sizes are drawn log-uniformly in between
 * @param maxRotationDegrees    in-plane rotation is drawn uniformly from {@code [-max, max]} (the head's own small
 *                              roll comes on top)
 * @param borderCutProbability  chance that a face is placed across the photo border, 10-70% of its box outside
 * @param maxOverlap            how much two faces' head areas (the box grown by 30%) may overlap, as a fraction
 *                              of the smaller one
 * @param identityCount         identities are drawn from {@code 0 .. identityCount-1}
 * @param variantCount          appearances of an identity are drawn from {@code 0 .. variantCount-1}
 */
public record SceneOptions(int minFaces, int maxFaces, double minFaceSize, double maxFaceSize,
        double maxRotationDegrees, double borderCutProbability, double maxOverlap, long identityCount,
        int variantCount) {

    public SceneOptions {
        if (minFaces < 0 || maxFaces < minFaces) {
            throw new IllegalArgumentException("need 0 <= minFaces <= maxFaces, got " + minFaces + ", " + maxFaces);
        }
        if (!(minFaceSize >= 8 && maxFaceSize >= minFaceSize)) {
            throw new IllegalArgumentException("need 8 <= minFaceSize <= maxFaceSize, got " + minFaceSize + ", "
                    + maxFaceSize);
        }
        if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 90)) {
            throw new IllegalArgumentException("maxRotationDegrees must lie in [0, 90], got " + maxRotationDegrees);
        }
        if (!(borderCutProbability >= 0 && borderCutProbability <= 1)) {
            throw new IllegalArgumentException("borderCutProbability must lie in [0, 1], got " + borderCutProbability);
        }
        if (!(maxOverlap >= 0 && maxOverlap <= 1)) {
            throw new IllegalArgumentException("maxOverlap must lie in [0, 1], got " + maxOverlap);
        }
        if (identityCount < 1 || variantCount < 1) {
            throw new IllegalArgumentException("identityCount and variantCount must be positive, got "
                    + identityCount + ", " + variantCount);
        }
    }

    /**
     * 0-6 faces of 32-160 px, rotated up to 30 degrees, a quarter of them across the border, head areas
     * overlapping at most 10%, from 10,000 identities in 8 appearances each: the detector benchmark's scenes at
     * 512 x 512.
     */
    public static SceneOptions defaults() {
        return new SceneOptions(0, 6, 32, 160, 30, 0.25, 0.1, 10_000, 8);
    }

    public SceneOptions withFaces(int min, int max) {
        return new SceneOptions(min, max, minFaceSize, maxFaceSize, maxRotationDegrees, borderCutProbability,
                maxOverlap, identityCount, variantCount);
    }

    public SceneOptions withFaceSizes(double min, double max) {
        return new SceneOptions(minFaces, maxFaces, min, max, maxRotationDegrees, borderCutProbability, maxOverlap,
                identityCount, variantCount);
    }

    public SceneOptions withMaxRotation(double degrees) {
        return new SceneOptions(minFaces, maxFaces, minFaceSize, maxFaceSize, degrees, borderCutProbability,
                maxOverlap, identityCount, variantCount);
    }

    public SceneOptions withBorderCutProbability(double p) {
        return new SceneOptions(minFaces, maxFaces, minFaceSize, maxFaceSize, maxRotationDegrees, p, maxOverlap,
                identityCount, variantCount);
    }
}

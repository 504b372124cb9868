/**
 * Face alignment and paste-back geometry for restoring faces in whole photos, as facexlib does for GFPGAN and
 * CodeFormer: five landmarks of a detected face ({@link org.lrpo.core.align.FivePoints}) are fitted to a
 * canonical template at the model's resolution ({@link org.lrpo.core.align.FaceTemplate}) by a least-squares
 * {@link org.lrpo.core.align.SimilarityTransform}; {@link org.lrpo.core.align.AffineWarp} cuts the aligned crop
 * out of the photo, and after restoration {@link org.lrpo.core.align.FeatheredPaste} warps the crop back and
 * blends it in under a {@link org.lrpo.core.align.FeatherMask}, leaving every pixel outside the face's footprint
 * untouched.
 *
 * <p>Coordinates are pixels with {@code x} right, {@code y} down and pixel centres at integers, so pixel
 * {@code (i, j)} covers {@code [i − 0.5, i + 0.5] × [j − 0.5, j + 0.5]}. Pure Java: no DJL, no Spark.
 */
package org.lrpo.core.align;

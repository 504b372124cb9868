/**
 * Seeded procedural faces: the training and test data of the project, since real face datasets cannot be
 * downloaded here.
 *
 * <p>A face is a {@link org.lrpo.core.faces.FaceIdentity} (who: face shape, skin, hair, eyes, brows, nose, mouth,
 * ears, glasses, beard) seen in a {@link org.lrpo.core.faces.FaceAppearance} (how this photo differs: expression,
 * pose, lighting, background, clothing). Both are drawn from {@link org.lrpo.core.random.Seeds} streams,
 * {@code (runSeed, "face-identity", identity)} and {@code (runSeed, "face-appearance", identity, variant)}; the
 * identity's detail seed names the streams of its hair strands, freckles and moles, and the backdrop's seed the
 * stream of its background shapes. {@link org.lrpo.core.faces.FaceRenderer} draws them with Java2D in image units
 * (FFHQ-like framing: eyes at 44% of the height, face filling most of the frame) at any resolution, and
 * {@link org.lrpo.core.faces.FaceGenerator} is the one-call entry point.
 *
 * <p>{@link org.lrpo.core.faces.SceneGenerator} puts 0-6 such people into a whole photo (background, sizes,
 * in-plane rotation, border cuts; {@link org.lrpo.core.faces.SceneOptions}) and returns each face's ground truth
 * ({@link org.lrpo.core.faces.SceneFace}: box, size, rotation, identity, five points, visible fraction), for testing
 * face detection and the restore job on whole photos.
 */
package org.lrpo.core.faces;

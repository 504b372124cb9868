package org.lrpo.core.faces;

import java.awt.image.BufferedImage;
import java.util.List;
import org.lrpo.core.random.Seeds;

/**
 * Photos with several generated people in them and the ground truth of every face: for testing a face detector
 * on whole photos and for the restore job's end-to-end tests.
 *
 * <p>Scene {@code (seed, sceneIndex)} is drawn from named {@link Seeds} streams only: the background from
 * {@code (seed, "scene-background", sceneIndex)}, the number of faces from {@code (seed, "scene-face-count",
 * sceneIndex)}, and face {@code k}'s identity, appearance, size, rotation and place from {@code (seed,
 * "scene-face", sceneIndex, k)}; a face's identity and appearance are then {@link FaceIdentity#draw} and
 * {@link FaceAppearance#draw} with run seed {@code seed}. The same arguments give the same pixels.
 *
 * <p>A photo is made in three steps: {@link SceneBackground} paints the background, {@link ScenePlacement} chooses
 * the people and where they stand, and {@link SceneCompositor} pastes them in from the top of the photo down (how a
 * face gets into the photo and how much of it stays visible is told there).
 *
 * <p>The ground-truth box of each face ({@link SceneFace}) is face-api's tiny face detector's own convention,
 * measured on these faces; {@link GroundTruthBox} says what the box covers, why, and how rotation and
 * {@link SceneFace#size} and {@link SceneFace#visibleFraction} relate to it.
 */
public final class SceneGenerator {
    private SceneGenerator() {}

    /** Scene {@code sceneIndex} of {@code seed}: a {@code width x height} photo and its faces. */
    public static Scene scene(long seed, long sceneIndex, int width, int height, SceneOptions options) {
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("photo must be at least 16 x 16, got " + width + "x" + height);
        }
        if (options == null) {
            throw new IllegalArgumentException("options must be given");
        }
        BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SceneBackground.paint(photo, Seeds.stream(seed, "scene-background", sceneIndex));
        List<ScenePerson> people = ScenePlacement.place(seed, sceneIndex, width, height, options);
        List<SceneFace> faces = SceneCompositor.paste(photo, people);
        return new Scene(FaceRenderer.toRgb(photo), faces);
    }
}

package org.lrpo.rewards.faces;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * Where the face-api weights live: the folder that {@code scripts/fetch-face-models.sh} fills with
 * {@code model/} (TF.js manifests and shards) and {@code demo/} (the package's sample photos).
 *
 * <p>Looked up in this order, the same order the script uses:
 * <ol>
 *   <li>system property {@value #PROPERTY};</li>
 *   <li>environment variable {@value #ENV};</li>
 *   <li>{@code <repo root>/.cache/face-api}, the repo root being system property {@code lrpo.repo.root}
 *       (set by Surefire), else the nearest folder at or above the working directory that holds
 *       {@code scripts/fetch-face-models.sh}, else the working directory.</li>
 * </ol>
 * The weights are never committed: a missing folder is a {@link FaceModelsNotFoundException} that
 * names the command to run.
 */
public final class FaceModelFiles {
    /** System property naming the cache folder (the one holding {@code model/}). */
    public static final String PROPERTY = "lrpo.faces.models";
    /** Environment variable naming the cache folder, also read by the fetch script. */
    public static final String ENV = "LRPO_FACE_MODELS";
    /** The face-api release whose weights and behaviour the Java port reproduces. */
    public static final String FACE_API_VERSION = "1.7.15";

    private final Path root;

    private FaceModelFiles(Path root) {
        this.root = root;
    }

    /** The folder given explicitly, for callers with their own configuration. */
    public static FaceModelFiles at(Path root) {
        return new FaceModelFiles(Objects.requireNonNull(root, "root").toAbsolutePath().normalize());
    }

    /** The folder from the system property, the environment variable or the default, in that order. */
    public static FaceModelFiles locate() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return at(Paths.get(prop));
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return at(Paths.get(env));
        }
        String repo = System.getProperty("lrpo.repo.root");
        Path root = repo != null && !repo.isBlank() ? Paths.get(repo) : repoRootAbove(Paths.get(System.getProperty("user.dir")));
        return at(root.resolve(".cache").resolve("face-api"));
    }

    /** The nearest folder at or above {@code dir} holding the fetch script, else {@code dir} itself. */
    private static Path repoRootAbove(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts").resolve("fetch-face-models.sh"))) {
                return p;
            }
        }
        return dir;
    }

    public Path root() {
        return root;
    }

    /** {@code <root>/model}, checked to hold the networks' manifests. */
    public Path modelDir() {
        Path dir = root.resolve("model");
        requireFile(dir.resolve("face_recognition_model-weights_manifest.json"));
        return dir;
    }

    /** {@code <root>/demo}, the package's own sample photos. */
    public Path demoDir() {
        Path dir = root.resolve("demo");
        requireFile(dir.resolve("sample1.jpg"));
        return dir;
    }

    /** The manifest of one network, e.g. {@code face_recognition_model}. */
    public Path manifest(String modelName) {
        Path file = modelDir().resolve(modelName + "-weights_manifest.json");
        requireFile(file);
        return file;
    }

    private void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FaceModelsNotFoundException(file, root);
        }
    }

    @Override
    public String toString() {
        return "FaceModelFiles[" + root + "]";
    }
}

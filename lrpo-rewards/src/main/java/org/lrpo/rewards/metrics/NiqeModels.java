package org.lrpo.rewards.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lrpo.core.faces.FaceGenerator;

/**
 * Pristine NIQE models ({@link NiqeModel}) for the faces this project restores, so the {@code niqe} reward
 * component can be built without a model file.
 *
 * <p>{@link #fitOnGeneratedFaces} fits on the high-quality faces of {@link FaceGenerator} (identities
 * {@code 0 .. count-1}, variant 0, of run seed {@code seed}): the same renderer that makes the ground truths of
 * the generated dataset, so "pristine" means "looks like a clean generated face". No file is written or
 * committed; the model is a deterministic function of (seed, count, resolution, block size). The default
 * (200 faces at 64 px) took 1.7 to 2.5 s in a warm JVM and 2.8 to 5.5 s in a cold one on the shared 2-core
 * development machine (load average 5 to 8), most of it rendering the faces (RewardThroughputBenchmark,
 * BENCHMARKS.md): cheap enough for the start of a demo or trainer, and {@link #cachedFitOnGeneratedFaces}
 * pays it once per JVM.
 *
 * <p><b>Block size.</b> NIQE's statistics come from {@code B x B} blocks (scale 1) and {@code B/2 x B/2}
 * blocks (scale 2); scoring needs at least two complete blocks per image, and MATLAB's default B = 96 needs
 * images of at least 96x192. {@link #blockSizeFor} picks {@code B = min(96, resolution / 4)}, even: 16 for
 * 64 px faces, 64 for 256 px, so an image has 16 blocks (4x4) below 384 px. Why not 32 at 64 px (the
 * largest that fits): a face then has only 4 blocks, so the test covariance {@code S_d} of 36 features has
 * rank 3; on 8 held-out generated faces NIQE swung from 45 to 77 for the same noise (sigma 0.05), against
 * 5.6 to 9.6 with B = 16 (measured once while choosing; NiqeModelsTest prints the B = 16 numbers). With
 * either, every blurred or noisy copy scored above its sharp face. A model must be used on images of the resolution it was fitted at: NIQE compares block
 * statistics, which depend on how large the face features are within a block.
 */
public final class NiqeModels {
    /** Identities fitted on by default: enough sharp blocks (about 4 per face at 64 px) for a stable 36x36 covariance. */
    public static final int DEFAULT_FACES = 200;
    /** Seed of the default pristine faces; any fixed value will do, it only has to be the same on every worker. */
    public static final long DEFAULT_SEED = 20240531L;

    private NiqeModels() {}

    /** The block size used for images of side {@code resolution}: {@code min(96, resolution / 4)}, even. */
    public static int blockSizeFor(int resolution) {
        if (resolution < 32) {
            throw new IllegalArgumentException("niqe: images of side " + resolution
                    + " are too small; 4x4 blocks of at least 8x8 need a side of at least 32");
        }
        int b = Math.min(NiqeModel.DEFAULT_BLOCK_SIZE, resolution / 4);
        return b - (b % 2);
    }

    private static final Map<List<Long>, NiqeModel> FITTED = new ConcurrentHashMap<>();

    /**
     * {@link #fitOnGeneratedFaces(long, int, int, int)}, fitted once per JVM for each argument tuple (the model
     * is immutable): several composites built in one executor share the fit.
     */
    public static NiqeModel cachedFitOnGeneratedFaces(long seed, int count, int resolution, int blockSize) {
        return FITTED.computeIfAbsent(List.of(seed, (long) count, (long) resolution, (long) blockSize),
                k -> fitOnGeneratedFaces(seed, count, resolution, blockSize));
    }

    /** Fits on {@code count} generated faces of side {@code resolution}, with {@link #blockSizeFor}(resolution). */
    public static NiqeModel fitOnGeneratedFaces(long seed, int count, int resolution) {
        return fitOnGeneratedFaces(seed, count, resolution, blockSizeFor(resolution));
    }

    /** Fits on {@code count} generated faces of side {@code resolution} with {@code blockSize x blockSize} blocks. */
    public static NiqeModel fitOnGeneratedFaces(long seed, int count, int resolution, int blockSize) {
        if (count < 1) {
            throw new IllegalArgumentException("niqe: the pristine model needs at least 1 face, got " + count);
        }
        if (blockSize > resolution) {
            throw new IllegalArgumentException("niqe: block size " + blockSize + " exceeds the face side "
                    + resolution);
        }
        return NiqeModel.fit(FaceGenerator.faces(seed, count, resolution)::iterator, blockSize);
    }
}

package org.lrpo.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.diffusion.GaussianNoise;
import org.lrpo.core.diffusion.NoiseKey;
import org.lrpo.core.diffusion.Rollout;
import org.lrpo.core.diffusion.Trajectory;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.lrpo.FaceGroup;
import org.lrpo.core.random.Seeds;
import org.lrpo.core.train.TrainingPair;

/**
 * Not part of the suite (no *Test name): the size and write/read time of one partition's spill file at
 * the default scale (64x64, K = 50, G = 9; {@code -Dprobe.faces} faces, default 8 = 16 faces over 2
 * partitions). The groups are built from seeded noise, not sampled: the file format does not care and
 * sampling 72 candidates at K = 50 would take minutes. Reads are from the page cache, as a gradient task's
 * are right after the rollout task wrote the file.
 * Run: {@code ./mvnw -B -o -pl lrpo-spark-jobs -am test -Dtest=RolloutSpillProbe -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RolloutSpillProbe {
    private static final int RESOLUTION = 64;
    private static final int STEPS = 50;
    private static final int GROUP = 9;

    @Test
    void spillFileSizeAndSpeedAtTheDefaultScale(@TempDir Path dir) throws IOException {
        int faces = Integer.getInteger("probe.faces", 8);
        List<FaceGroup> groups = new ArrayList<>();
        for (int f = 0; f < faces; f++) {
            groups.add(group(f));
        }
        Path file = dir.resolve("partition.rollouts");
        for (int attempt = 0; attempt < 3; attempt++) {
            long t0 = System.nanoTime();
            long bytes = RolloutSpillFile.write(file, groups);
            long t1 = System.nanoTime();
            List<FaceGroup> back = RolloutSpillFile.read(file);
            long t2 = System.nanoTime();
            assertEquals(faces, back.size());
            System.out.printf("SPILL %d faces x %d candidates, %dx%d, K = %d: payload %.1f MB, file %.1f MB; "
                            + "write %.0f ms (%.0f MB/s), read %.0f ms (%.0f MB/s)%n", faces, GROUP, RESOLUTION,
                    RESOLUTION, STEPS, RolloutCache.payloadBytes(groups) / 1e6, bytes / 1e6, (t1 - t0) / 1e6,
                    bytes / 1e6 / ((t1 - t0) / 1e9), (t2 - t1) / 1e6, bytes / 1e6 / ((t2 - t1) / 1e9));
            Files.delete(file);
        }
    }

    private static FaceGroup group(int face) {
        int d = 3 * RESOLUTION * RESOLUTION;
        List<Trajectory> trajectories = new ArrayList<>();
        List<RgbImage> candidates = new ArrayList<>();
        for (int c = 0; c < GROUP; c++) {
            NoiseKey key = new NoiseKey(1, 0, face, c);
            trajectories.add(Trajectory.wrap(key, d, GaussianNoise.draw(key.initialStream(), (STEPS + 1) * d),
                    GaussianNoise.draw(key.stepStream(0), STEPS)));
            candidates.add(image(face, c));
        }
        int[] timesteps = new int[STEPS];
        for (int k = 0; k < STEPS; k++) {
            timesteps[k] = 999 - 20 * k;
        }
        return new FaceGroup(TrainingPair.degraded("face-" + face, image(face, -1), image(face, -2)),
                new Rollout(timesteps, 1.0, new Shape(3, RESOLUTION, RESOLUTION), trajectories), candidates);
    }

    private static RgbImage image(int face, int index) {
        return RgbImage.wrap(RESOLUTION, RESOLUTION,
                GaussianNoise.draw(Seeds.stream(1, "spill-probe-image", face, index), 3 * RESOLUTION * RESOLUTION));
    }
}

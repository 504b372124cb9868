package org.lrpo.core.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.model.PolicyConfig;
import org.lrpo.core.random.Seeds;

/** Native memory stays flat over a long run of sampler steps (issue 3: RSS over 500 steps). */
class SamplerMemoryTest {
    private static final int K = 50;

    @Test
    void rssAndManagedArraysStayFlatOver500Steps() throws Exception {
        PolicyConfig config = PolicyConfig.builder().resolution(16).baseChannels(8).channelMultipliers(1, 2)
                .groupNormGroups(4).timeEmbeddingDim(16).build();
        try (ConditionalDenoiser policy = ConditionalDenoiser.create(config, Device.cpu(), 2L);
                NDManager scope = policy.manager().newSubManager()) {
            NDArray lq = scope.create(GaussianNoise.draw(Seeds.stream(1L, "mem-lq"), config.elementsPerImage()),
                    new Shape(1, 3, 16, 16));
            DdimSampler sampler = new DdimSampler(policy, NoiseSchedule.stableDiffusion().ddim(K), 1.0);
            List<NoiseKey> keys = List.of(new NoiseKey(1, 0, 1, 0), new NoiseKey(1, 0, 1, 1));

            long rssAt100 = 0;
            int arraysAt100 = 0;
            for (int round = 0; round < 10; round++) { // 10 rollouts x 50 steps = 500 sampler steps
                sampler.sample(lq, keys);
                // Collect every round so the JVM heap does not grow into fresh pages: what is left to
                // grow in RSS is native memory.
                System.gc();
                if (round == 1) {
                    rssAt100 = rssKb();
                    arraysAt100 = policy.manager().getManagedArrays().size();
                }
            }
            long rssAt500 = rssKb();
            int arraysAt500 = policy.manager().getManagedArrays().size();
            // Every step's arrays were closed with its scope: nothing accumulates in the policy's manager.
            assertEquals(arraysAt100, arraysAt500, "arrays left behind in the policy's NDManager");
            // A leak of one step's temporaries (~hundreds of small arrays) would add well over 40 MB in 400
            // steps; JVM heap noise stays below that.
            long growthKb = rssAt500 - rssAt100;
            assertTrue(growthKb < 40_000, "VmRSS grew by " + growthKb + " kB between step 100 and step 500 (from "
                    + rssAt100 + " kB)");
        }
    }

    private static long rssKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }
}

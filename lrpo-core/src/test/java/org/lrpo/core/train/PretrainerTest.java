package org.lrpo.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.checkpoint.CheckpointReader;
import org.lrpo.core.checkpoint.CheckpointWriter;
import org.lrpo.core.checkpoint.LoadedCheckpoint;
import org.lrpo.core.checkpoint.LocalCheckpointStore;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.diffusion.NoiseSchedule;
import org.lrpo.core.engine.TensorEngine;
import org.lrpo.core.model.ConditionalDenoiser;
import org.lrpo.core.optim.ParameterSet;

class PretrainerTest {
    private static final LrpoSettings S = LrpoSettings.read(ConfigLoader.load(Optional.empty(), List.of(
            "model.resolution=16", "model.base-channels=8", "model.channel-multipliers=[1,2]",
            "model.group-norm-groups=4", "model.time-embedding-dim=16", "pretrain.optimiser-steps=6",
            "pretrain.batch-size=4", "pretrain.warmup-steps=2", "pretrain.ema-decay=0.9", "seed=3")));

    private final Engine engine = TensorEngine.start(Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl")), 1);

    private Pretrainer trainer(ConditionalDenoiser policy) {
        GeneratedPairs data = new GeneratedPairs(3, 16, 16, S.degradation().preset(), new FaceSplit(0.1));
        return new Pretrainer(policy, NoiseSchedule.stableDiffusion(), engine, data, S.pretrain(), 3);
    }

    @Test
    void aResumedRunEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        ParameterSet uninterrupted;
        List<Double> lossesA = new java.util.ArrayList<>();
        try (ConditionalDenoiser policy = Policies.create(S.model(), Device.cpu(), 3)) {
            Pretrainer t = trainer(policy);
            for (int i = 0; i < 6; i++) {
                lossesA.add(t.step().loss());
            }
            uninterrupted = t.parameters().readAll();
        }
        LocalCheckpointStore store = new LocalCheckpointStore(dir);
        String name;
        List<Double> lossesB = new java.util.ArrayList<>();
        try (ConditionalDenoiser policy = Policies.create(S.model(), Device.cpu(), 3)) {
            Pretrainer t = trainer(policy);
            for (int i = 0; i < 3; i++) {
                lossesB.add(t.step().loss());
            }
            name = new CheckpointWriter(store).write(t.checkpoint("{}"));
        }
        // A different initial policy: everything must come from the checkpoint.
        try (ConditionalDenoiser policy = Policies.create(S.model(), Device.cpu(), 99)) {
            Pretrainer t = trainer(policy);
            LoadedCheckpoint c = new CheckpointReader(store).load(name, t.parameters().allLayout(),
                    t.parameters().trainableLayout());
            t.restore(c.contents());
            assertEquals(3, t.stepCount());
            for (int i = 0; i < 3; i++) {
                lossesB.add(t.step().loss());
            }
            assertTrue(uninterrupted.bitwiseEquals(t.parameters().readAll()), "resumed weights differ");
        }
        assertEquals(lossesA, lossesB, "same loss history");
    }
}

package org.lrpo.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 14, finding 9: resuming compares the run-defining configuration, not only the optimiser's. */
class RunIdentityTest {
    private static String text(String... overrides) {
        return SecretRedaction.lrpoText(ConfigLoader.load(Optional.empty(), List.of(overrides)));
    }

    @Test
    void whereFilesGoHowFastAndHowLongMayChange() {
        assertEquals(List.of(), RunIdentity.differences(text("seed=3", "output-dir=/a", "threads=2"),
                text("seed=3", "output-dir=/b", "threads=1", "pretrain.optimiser-steps=900", "rl.rounds=40")));
    }

    @Test
    void aChangedSeedOrModelIsNamed() {
        List<String> d = RunIdentity.differences(text("seed=3", "model.base-channels=32"),
                text("seed=4", "model.base-channels=16"));
        assertEquals(2, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("lrpo.model.base-channels = 32 in the checkpoint, 16 now"), d.toString());
        assertTrue(d.get(1).startsWith("lrpo.seed = 3 in the checkpoint, 4 now"), d.toString());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> RunIdentity.requireSameRun(text("seed=3"), text("seed=4"), "step-000000000002"));
        assertTrue(e.getMessage().contains("cannot resume from step-000000000002") && e.getMessage().contains("lrpo.seed"),
                e.getMessage());
    }

    @Test
    void aNumberTypedAsTextIsTheSameNumber() {
        assertEquals(List.of(), RunIdentity.differences("{\"seed\":3}", "{\"seed\":\"3\"}"));
        assertEquals(List.of("lrpo.rl.kl-weight = (absent) in the checkpoint, 0.1 now"),
                RunIdentity.differences("{}", "{\"rl\":{\"kl-weight\":0.1}}"));
    }

    @Test
    void aRunRecordedUnderARenamedKeyIsTheSameRun() {
        assertEquals(List.of(), RunIdentity.differences("{\"sampler\":{\"steps\":10}}",
                "{\"sampler\":{\"denoising-steps\":10}}"));
        assertEquals(List.of("lrpo.sampler.denoising-steps = 10 in the checkpoint, 12 now"), RunIdentity.differences(
                "{\"sampler\":{\"steps\":10}}", "{\"sampler\":{\"denoising-steps\":12}}"));
    }
}
